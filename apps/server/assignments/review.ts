// What a reviewer reads of a take: per kata the final code, the full verdict (hidden probes with
// their details) and every Run and Submit in order; and the same as CSV or JSON for export.
import type { AssignmentDetail } from '../../contract/index.js';
import type { KataIndex } from '../katas.js';
import type { Store } from '../storage/store.js';
import { reviewerView } from '../views.js';
import type { AssignmentRecord } from './store.js';
import { takeLearner, type Takes } from './takes.js';

export async function reviewDetail(store: Store, katas: KataIndex, takes: Takes, a: AssignmentRecord): Promise<AssignmentDetail> {
  const summary = await takes.summary(a);
  const drafts = await store.assignments.drafts(a.id);
  const runs = await store.assignments.runs(a.id);
  const perKata = [];
  for (const { slug, title, score } of summary.katas) {
    const listed = await store.listSubmissions(takeLearner(a), slug, 1000);
    const submissions = [];
    for (const s of listed.reverse()) {
      const full = await store.getSubmission(takeLearner(a), s.id);
      if (full) submissions.push({ ...full, result: full.result && reviewerView(full.result) });
    }
    const attempts = [
      ...runs.filter((r) => r.kata === slug).map((r) => ({ kind: 'run' as const, at: r.at, status: r.status as AssignmentDetail['katas'][number]['attempts'][number]['status'], score: r.score, submission: null })),
      ...submissions.map((s) => ({ kind: 'submit' as const, at: s.createdAt, status: s.status, score: s.score, submission: s })),
    ].sort((x, y) => x.at.localeCompare(y.at));
    const last = submissions.at(-1);
    perKata.push({
      slug,
      title: katas.find(slug)?.meta.title ?? title,
      score,
      finalCode: drafts.get(slug) ?? last?.code ?? null,
      verdict: last?.result ?? null,
      attempts,
    });
  }
  return { ...summary, instructions: a.instructions, notes: a.notes, katas: perKata };
}

/** A cell as CSV wants it; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const columns = ['assignment', 'candidate', 'candidate_email', 'status', 'interviewer', 'minutes', 'started_at', 'finished_at', 'time_used_seconds', 'rating', 'recommendation', 'notes', 'kata', 'best_score', 'final_status', 'submissions', 'runs', 'final_code'];

/** One row per assignment and kata. */
export function toCsv(details: AssignmentDetail[]): string {
  const lines = [columns.join(',')];
  for (const d of details) {
    for (const k of d.katas) {
      const row = [d.id, d.candidateName, d.candidateEmail, d.status, d.owner, d.minutes, d.startedAt, d.finishedAt, d.timeUsedSeconds, d.rating, d.recommendation, d.notes, k.slug, k.score, k.verdict?.status ?? null,
        k.attempts.filter((a) => a.kind === 'submit').length, k.attempts.filter((a) => a.kind === 'run').length, k.finalCode];
      lines.push(row.map(cell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
