// One assignment under review: per kata the score, final code, full verdict (hidden probes with
// their details), every Run and Submit in order with a re-run, the replay; and the reviewer's
// notes, rating and recommendation, and the export.
import type { AssignmentDetail, Recommendation } from '../../../contract';
import { clear, h } from '../dom';
import { openDialog } from '../kata/dialog';
import { statusBadge, verdictView } from '../kata/results';
import { staffApi } from './api';
import { formatDuration, statusLabel } from './assignments';
import { requireSession, staffTopbar } from './page';
import { replayView } from './replay';

type MonacoModule = typeof import('../kata/monaco');

const recommendations: Array<[Recommendation, string]> = [
  ['strong_no', 'Strong no'],
  ['no', 'No'],
  ['yes', 'Yes'],
  ['strong_yes', 'Strong yes'],
];

function reviewForm(detail: AssignmentDetail): HTMLElement {
  const notes = h('textarea', { name: 'notes', rows: 5, maxlength: 20000 }, detail.notes);
  const rating = h('select', { name: 'rating' }, h('option', { value: '' }, '—'), ...[1, 2, 3, 4].map((r) => h('option', { value: r, selected: r === detail.rating }, String(r))));
  const recommendation = h('select', { name: 'recommendation' }, h('option', { value: '' }, '—'), ...recommendations.map(([v, t]) => h('option', { value: v, selected: v === detail.recommendation }, t)));
  const saved = h('span', { role: 'status' });
  const form = h('form', { class: 'review-form' }, h('label', { class: 'wide' }, 'Notes', notes), h('label', {}, 'Rating (1–4) ', rating), h('label', {}, 'Recommendation ', recommendation), h('button', { class: 'primary', type: 'submit' }, 'Save review'), saved);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saved.textContent = 'Saving…';
    staffApi
      .review(detail.id, { notes: notes.value, rating: rating.value ? Number(rating.value) : null, recommendation: (recommendation.value || null) as Recommendation | null })
      .then(() => (saved.textContent = 'Review saved'), (err: Error) => (saved.textContent = err.message));
  });
  return h('section', { class: 'staff-section', 'aria-label': 'Review' }, h('h2', {}, 'Review'), form);
}

function kataSection(detail: AssignmentDetail, kata: AssignmentDetail['katas'][number], monaco: Promise<MonacoModule>): HTMLElement {
  const start = Date.parse(detail.startedAt ?? detail.createdAt);
  const at = (iso: string) => formatDuration(Math.max(0, Math.round((Date.parse(iso) - start) / 1000)));
  const codeHost = h('div', { class: 'review-code' });
  const replayHost = h('div', {}, h('p', { class: 'muted' }, 'Loading the replay…'));
  void staffApi.replay(detail.id, kata.slug).then((replay) => clear(replayHost, replayView(replay, monaco)), (err: Error) => clear(replayHost, h('p', { class: 'error-text' }, err.message)));
  if (kata.finalCode !== null) void monaco.then((m) => m.showCode(codeHost, kata.finalCode!));
  else codeHost.append(h('p', { class: 'muted' }, 'No code was written.'));

  const rerun = (submission: string) => {
    const body = h('div', { class: 'tab-body' }, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), 'Running it again with its seed…'));
    openDialog('Re-run', body);
    staffApi.rerun(detail.id, submission).then((result) => clear(body, verdictView(result, () => undefined, true)), (err: Error) => clear(body, h('p', { class: 'error-text' }, err.message)));
  };
  const attempts = kata.attempts.length
    ? h(
        'table',
        { class: 'staff-table attempts' },
        h('thead', {}, h('tr', {}, ...['#', 'What', 'When (since start)', 'Status', 'Score', ''].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          ...kata.attempts.map((a, i) =>
            h(
              'tr',
              { 'data-kind': a.kind },
              h('td', {}, String(i + 1)),
              h('td', {}, a.kind === 'run' ? 'Run' : 'Submit'),
              h('td', {}, at(a.at)),
              h('td', {}, statusBadge(a.status)),
              h('td', {}, a.score === null ? '—' : String(a.score)),
              h('td', {}, a.submission ? h('button', { onclick: () => rerun(a.submission!.id) }, 'Re-run') : null),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'No Run or Submit.');
  return h(
    'section',
    { class: 'staff-section review-kata', 'data-slug': kata.slug, 'aria-label': kata.title },
    h('h2', {}, kata.title, ' ', h('span', { class: 'kata-best' }, `best score ${kata.score ?? '—'}`)),
    h('h3', {}, 'Final code'),
    codeHost,
    h('h3', {}, 'Final verdict'),
    kata.verdict ? verdictView(kata.verdict, () => undefined, true) : h('p', { class: 'muted' }, 'Never submitted.'),
    h('h3', {}, 'Runs and submits'),
    attempts,
    h('h3', {}, 'Replay'),
    replayHost,
  );
}

export async function showReview(root: HTMLElement, id: string, monaco: Promise<MonacoModule>): Promise<void> {
  const session = await requireSession();
  if (!session) return;
  let detail: AssignmentDetail;
  try {
    detail = await staffApi.assignment(id);
  } catch (err) {
    clear(root, staffTopbar(session), h('main', { class: 'staff' }, h('p', { class: 'error-text' }, (err as Error).message), h('a', { href: '/interviewer' }, 'Back to the assignments')));
    return;
  }
  document.title = `${detail.candidateName} — Katabox`;
  clear(
    root,
    staffTopbar(session),
    h(
      'main',
      { class: 'staff review' },
      h('p', {}, h('a', { href: '/interviewer' }, '← All assignments')),
      h('h1', {}, detail.candidateName, ' ', h('span', { class: `badge status-${detail.status}` }, statusLabel(detail.status))),
      h(
        'p',
        { class: 'muted' },
        `${detail.candidateEmail ?? 'no email'} · set by ${detail.owner} · limit ${detail.minutes} min · time used ${formatDuration(detail.timeUsedSeconds)} · `,
        h('a', { class: 'export-csv', href: `/api/assignments/export?format=csv&id=${encodeURIComponent(detail.id)}`, download: `${detail.id}.csv` }, 'Export CSV'),
        ' · ',
        h('a', { class: 'export-json', href: `/api/assignments/export?format=json&id=${encodeURIComponent(detail.id)}`, download: `${detail.id}.json` }, 'Export JSON'),
      ),
      detail.instructions ? h('details', {}, h('summary', {}, 'Instructions given'), h('pre', {}, detail.instructions)) : null,
      reviewForm(detail),
      ...detail.katas.map((k) => kataSection(detail, k, monaco)),
    ),
  );
}
