// The interviewer's assignments: a form to create one (its private link shown once, with a copy
// button), and the list with status, score per kata and time used, filtered and sorted through
// the URL; each row opens the review, and a running one can get more time or be cancelled.
import type { AssignmentQuery, AssignmentStatus, AssignmentSummary } from '../../../contract';
import { api, catalogQueryString } from '../api';
import { clear, h } from '../dom';
import { staffApi } from './api';

const statuses: AssignmentStatus[] = ['created', 'opened', 'in_progress', 'finished', 'expired', 'cancelled'];
const sorts = ['newest', 'oldest', 'candidate', 'score'] as const;

export const statusLabel = (s: AssignmentStatus) => s.replace('_', ' ');

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function readQuery(): AssignmentQuery {
  const p = new URLSearchParams(location.search);
  const status = p.get('status') as AssignmentStatus | null;
  const sort = p.get('sort') as AssignmentQuery['sort'] | null;
  return {
    status: status && statuses.includes(status) ? status : undefined,
    kata: p.get('kata') || undefined,
    q: p.get('q')?.slice(0, 100) || undefined,
    sort: sort && sorts.includes(sort) ? sort : undefined,
  };
}

function createForm(onCreated: () => void): HTMLElement {
  const name = h('input', { name: 'candidateName', required: true, maxlength: 200 });
  const email = h('input', { name: 'candidateEmail', type: 'email' });
  const minutes = h('input', { name: 'minutes', type: 'number', min: 0.1, max: 480, step: 'any', value: 60, required: true });
  const expiry = h('input', { name: 'linkExpiresInDays', type: 'number', min: 1, max: 90, value: 14 });
  const instructions = h('textarea', { name: 'instructions', rows: 3, maxlength: 5000 });
  const katas = h('fieldset', { class: 'kata-choices' }, h('legend', {}, 'Katas'));
  const result = h('div', { role: 'status' });
  void api.catalog({}).then((catalog) =>
    katas.append(...catalog.katas.map((k) => h('label', {}, h('input', { type: 'checkbox', name: 'kata', value: k.slug }), ` ${k.title} `, h('span', { class: 'muted' }, `(${k.slug}, ${k.minutes} min)`)))),
  );
  const form = h(
    'form',
    { class: 'create-assignment' },
    h('label', {}, 'Candidate name', name),
    h('label', {}, 'Candidate email (optional)', email),
    h('label', {}, 'Time limit (minutes)', minutes),
    h('label', {}, 'Link expires after (days)', expiry),
    h('label', { class: 'wide' }, 'Instructions (Markdown, optional)', instructions),
    katas,
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Create assignment')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = [...katas.querySelectorAll<HTMLInputElement>('input[name=kata]:checked')].map((c) => c.value);
    if (chosen.length === 0) return void (result.textContent = 'Choose at least one kata.');
    staffApi
      .createAssignment({
        candidateName: name.value,
        ...(email.value ? { candidateEmail: email.value } : {}),
        minutes: Number(minutes.value),
        linkExpiresInDays: Number(expiry.value),
        ...(instructions.value ? { instructions: instructions.value } : {}),
        katas: chosen,
      })
      .then(
        (created) => {
          const link = `${location.origin}${created.link}`;
          const copy = h('button', { type: 'button' }, 'Copy link');
          copy.addEventListener('click', () => void navigator.clipboard.writeText(link).then(() => (copy.textContent = 'Copied')));
          clear(
            result,
            h('p', {}, `Assignment for ${created.candidateName} created. Send the candidate this link; it is shown only now.`),
            h('div', { class: 'link-box' }, h('code', { class: 'assignment-link' }, link), copy),
          );
          form.reset();
          onCreated();
        },
        (err: Error) => (result.textContent = err.message),
      );
  });
  return h('section', { class: 'staff-section', 'aria-label': 'New assignment' }, h('h2', {}, 'New assignment'), form);
}

function row(a: AssignmentSummary, refresh: () => void): HTMLElement {
  const running = a.status === 'in_progress' || a.status === 'created' || a.status === 'opened';
  const extend = () => {
    const minutes = Number(prompt('Extra minutes for the candidate:', '10'));
    if (minutes > 0) void staffApi.extend(a.id, minutes).then(refresh, (err: Error) => alert(err.message));
  };
  const cancel = () => {
    if (confirm(`Cancel the assignment for ${a.candidateName}? The link stops working at once.`)) void staffApi.cancel(a.id).then(refresh, (err: Error) => alert(err.message));
  };
  return h(
    'tr',
    { 'data-id': a.id, 'data-status': a.status },
    h('td', {}, h('a', { href: `/interviewer/assignments/${a.id}` }, a.candidateName), a.candidateEmail ? h('div', { class: 'muted' }, a.candidateEmail) : null),
    h('td', {}, h('span', { class: `badge status-${a.status}` }, statusLabel(a.status))),
    h('td', {}, ...a.katas.map((k) => h('div', { class: 'kata-score', 'data-slug': k.slug }, `${k.title}: `, h('strong', {}, k.score === null ? '—' : String(k.score))))),
    h('td', {}, formatDuration(a.timeUsedSeconds), h('div', { class: 'muted' }, `of ${a.minutes} min`)),
    h('td', {}, a.owner),
    h('td', {}, new Date(a.createdAt).toLocaleString()),
    h('td', {}, running ? h('button', { onclick: extend }, 'Extend') : null, running ? h('button', { onclick: cancel }, 'Cancel') : null),
  );
}

export function assignmentsPanel(): HTMLElement {
  let query = readQuery();
  const rows = h('tbody', {});
  const exportLink = (format: 'csv' | 'json') => h('a', { class: `export-${format}`, href: '#', download: `assignments.${format}` }, format.toUpperCase());
  const exports = { csv: exportLink('csv'), json: exportLink('json') };

  async function refresh(): Promise<void> {
    history.replaceState(null, '', `/interviewer${catalogQueryString(query)}`);
    for (const format of ['csv', 'json'] as const) exports[format].setAttribute('href', `/api/assignments/export${catalogQueryString({ ...query, format })}`);
    const { assignments } = await staffApi.assignments(query);
    clear(rows, ...assignments.map((a) => row(a, () => void refresh())));
    if (assignments.length === 0) rows.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No assignments match.')));
  }

  const change = (key: keyof AssignmentQuery) => (event: Event) => {
    query = { ...query, [key]: (event.target as HTMLInputElement).value || undefined };
    void refresh();
  };
  const kataFilter = h('select', { name: 'kata', onchange: change('kata') }, h('option', { value: '' }, 'All'));
  void api.catalog({}).then((catalog) => kataFilter.append(...catalog.katas.map((k) => h('option', { value: k.slug, selected: k.slug === query.kata }, k.title))));
  const filters = h(
    'div',
    { class: 'filters' },
    h('label', {}, 'Status ', h('select', { name: 'status', onchange: change('status') }, h('option', { value: '' }, 'All'), ...statuses.map((s) => h('option', { value: s, selected: s === query.status }, statusLabel(s))))),
    h('label', {}, 'Kata ', kataFilter),
    h('label', {}, 'Sort ', h('select', { name: 'sort', onchange: change('sort') }, ...sorts.map((s) => h('option', { value: s, selected: s === (query.sort ?? 'newest') }, s)))),
    h('label', {}, 'Candidate ', h('input', { type: 'search', name: 'q', value: query.q ?? '', onchange: change('q') })),
    h('span', {}, 'Export: ', exports.csv, ' ', exports.json),
  );
  const list = h(
    'section',
    { class: 'staff-section', 'aria-label': 'Assignments' },
    h('h2', {}, 'Assignments'),
    filters,
    h('table', { class: 'staff-table assignments' }, h('thead', {}, h('tr', {}, ...['Candidate', 'Status', 'Score per kata', 'Time used', 'Interviewer', 'Created', ''].map((t) => h('th', {}, t)))), rows),
  );
  void refresh();
  // Scores and statuses change while candidates work.
  window.setInterval(() => void refresh(), 5000);
  return h('div', {}, createForm(() => void refresh()), list);
}
