// The learner's submissions of this kata: when, status, score; open one to read its code and
// verdict, or tick two and compare them side by side in Monaco's diff editor.
import type { Submission, SubmissionSummary } from '../../../contract';
import { api, watchSubmission } from '../api';
import { clear, h } from '../dom';
import { formatLeft } from '../take/countdown';
import { openDialog } from './dialog';
import { statusBadge, verdictView } from './results';

type MonacoModule = typeof import('./monaco');

const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class HistoryPanel {
  readonly element = h('div', { class: 'history' });
  private selected = new Set<string>();
  private submissions: SubmissionSummary[] = [];
  /** Queued submissions being followed, so each turns into its verdict without a reload. */
  private readonly following = new Set<string>();

  constructor(
    private readonly slug: string,
    private readonly monaco: Promise<MonacoModule>,
    private readonly loadIntoEditor: (code: string) => void,
  ) {}

  /** The submissions shown now. */
  ids(): Set<string> {
    return new Set(this.submissions.map((s) => s.id));
  }

  async refresh(): Promise<void> {
    try {
      this.submissions = (await api.history(this.slug)).submissions;
    } catch (err) {
      clear(this.element, h('p', { class: 'error-text', role: 'alert' }, `Could not load your history: ${(err as Error).message}`), h('button', { onclick: () => void this.refresh() }, 'Try again'));
      return;
    }
    this.selected = new Set([...this.selected].filter((id) => this.submissions.some((s) => s.id === id)));
    this.render();
    for (const s of this.submissions.filter((s) => s.status === 'queued' && !this.following.has(s.id))) {
      this.following.add(s.id);
      watchSubmission(s.id, {
        verdict: () => {
          this.following.delete(s.id);
          void this.refresh();
        },
      });
    }
  }

  /** The learner's own numbering, oldest first: ids are opaque. */
  private number(id: string): number {
    return this.submissions.length - this.submissions.findIndex((s) => s.id === id);
  }

  private render(): void {
    if (this.submissions.length === 0) {
      clear(this.element, h('p', { class: 'muted' }, 'No submissions yet. Submit (Ctrl/Cmd+Shift+Enter) to score your code against every probe.'));
      return;
    }
    const compare = h('button', { disabled: this.selected.size !== 2, onclick: () => void this.attempt(() => this.compare()) }, 'Compare selected');
    const rows = this.submissions.map((s) =>
      h(
        'tr',
        { 'data-submission': s.id },
        h(
          'td',
          {},
          h('input', {
            type: 'checkbox',
            'aria-label': `Select submission ${this.number(s.id)} to compare`,
            checked: this.selected.has(s.id),
            onchange: (e) => {
              if ((e.target as HTMLInputElement).checked) this.selected.add(s.id);
              else this.selected.delete(s.id);
              compare.disabled = this.selected.size !== 2;
            },
          }),
        ),
        h('td', {}, `#${this.number(s.id)}`),
        h('td', {}, formatTime(s.createdAt)),
        h('td', {}, statusBadge(s.status)),
        h('td', { class: 'score' }, s.score === null ? '—' : String(s.score)),
        h('td', { class: 'time-taken' }, s.timeTakenSeconds === null ? '—' : formatLeft(s.timeTakenSeconds * 1000)),
        h('td', {}, h('button', { onclick: () => void this.attempt(() => this.open(s.id)) }, 'Open')),
      ),
    );
    clear(
      this.element,
      h('div', { class: 'actions' }, compare, h('span', { class: 'muted hint' }, 'Tick two submissions to compare them.')),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, 'Submission'), h('th', {}, 'When'), h('th', {}, 'Status'), h('th', {}, 'Score'), h('th', { title: 'From Start timer to the submission' }, 'Time'), h('th', {}))), h('tbody', {}, ...rows)),
    );
  }

  /** Runs a History action; a failure is said beside the list, never swallowed. */
  private async attempt(action: () => Promise<void>): Promise<void> {
    this.element.querySelector('.history-error')?.remove();
    try {
      await action();
    } catch (err) {
      this.element.prepend(h('p', { class: 'error-text history-error', role: 'alert' }, `That did not work: ${(err as Error).message}`));
    }
  }

  private async open(id: string): Promise<void> {
    const [submission, monaco] = await Promise.all([api.submission(id), this.monaco]);
    const codeHost = h('div', { class: 'code-view' });
    const body = h('div', { class: 'dialog-body split' }, codeHost, h('div', { class: 'tab-body' }));
    let view: ReturnType<MonacoModule['showCode']> | undefined;
    const dialog = openDialog(`Submission #${this.number(id)} · ${formatTime(submission.createdAt)}`, body, {
      actions: [
        h('button', {
          onclick: () => {
            this.loadIntoEditor(submission.code);
            dialog.close();
          },
        }, 'Load into editor'),
      ],
      onClose: () => view?.dispose(),
    });
    body.lastElementChild!.append(submission.result ? verdictView(submission.result, (line, column) => view?.reveal(line, column)) : h('p', { class: 'muted' }, 'Still waiting for its verdict.'));
    view = monaco.showCode(codeHost, submission.code);
  }

  private async compare(): Promise<void> {
    const [older, newer] = [...this.selected].sort((a, b) => this.number(a) - this.number(b));
    const [left, right, monaco] = await Promise.all([api.submission(older!), api.submission(newer!), this.monaco]);
    const label = (s: Submission) => `#${this.number(s.id)} · ${formatTime(s.createdAt)} · ${s.status} · score ${s.score ?? '—'}`;
    const host = h('div', { class: 'diff-view' });
    let diff: { dispose(): void } | undefined;
    openDialog(`Compare #${this.number(left.id)} and #${this.number(right.id)}`, h('div', { class: 'dialog-body', style: 'grid-template-rows: auto 1fr' }, h('div', { class: 'diff-heads' }, h('span', {}, label(left)), h('span', {}, label(right))), host), {
      onClose: () => diff?.dispose(),
    });
    diff = monaco.showDiff(host, left.code, right.code);
  }
}
