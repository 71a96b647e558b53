// A verdict as the learner reads it: status and score, compiler diagnostics that jump to the
// line, each probe (sample probes with the request sent and the response received; hidden ones
// with name and pass/fail only), and the server's own output.
import type { RunResult, SubmissionStatus } from '../../../contract';
import { h } from '../dom';

type Probe = RunResult['probes'][number];
type Exchange = NonNullable<Probe['exchanges']>[number];

const statusLabels: Record<SubmissionStatus, string> = {
  queued: 'Queued',
  passed: 'Passed',
  failed: 'Failed',
  compile_error: 'Does not compile',
  did_not_listen: 'Did not listen',
  crashed: 'Crashed',
  timeout: 'Timed out',
  error: 'Platform error',
};

export function statusBadge(status: SubmissionStatus): HTMLElement {
  return h('span', { class: `badge ${status}` }, statusLabels[status]);
}

function describeResponse(exchange: Exchange): string {
  const res = exchange.response;
  if (!res) return `(no response${exchange.note ? `: ${exchange.note}` : ''})`;
  if (exchange.request.method === 'RAW') return res.body;
  const headers = Object.entries(res.headers)
    .filter(([name]) => name !== 'date')
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
  return [`HTTP ${res.status}`, ...headers, '', res.body].join('\n');
}

function exchangeView(exchange: Exchange): HTMLElement {
  return h(
    'div',
    { class: 'exchange' },
    h('h4', {}, 'Request sent'),
    h('pre', { class: 'request' }, exchange.request.curl),
    h('h4', {}, 'Response received'),
    h('pre', { class: 'response' }, describeResponse(exchange)),
    exchange.note && exchange.response ? h('p', { class: 'muted' }, exchange.note) : null,
  );
}

/** A probe that ran on a server started again after an earlier probe saw it stop. */
function restartedTag(probe: Probe): HTMLElement | null {
  if (!probe.restarted) return null;
  const title = 'The server stopped during an earlier probe, so this one ran on a fresh server started again with the same code and the same inputs.';
  return h('span', { class: 'tag restarted', title }, 'after restart');
}

/**
 * A probe's message under a label that says what it is: the probes' checks read "what: expected
 * X, got Y" and show as such; a probe that never ran or was stopped says so; other failures are
 * the probe's own words. Lines after the first are the probe's notes.
 */
function probeMessageView(probe: Probe): HTMLElement | null {
  if (!probe.message) return null;
  const [first = '', ...rest] = probe.message.split('\n');
  const notes = rest.length > 0 ? h('p', { class: 'probe-notes' }, h('strong', {}, 'Notes: '), rest.join('\n')) : null;
  const line = (label: string, text: string) => h('p', { class: 'probe-message' }, h('strong', {}, `${label}: `), text);
  if (probe.passed) return h('div', { class: 'probe-why' }, line('Notes', probe.message));
  const notRun = /^(not run|stopped): (.*)$/.exec(first);
  if (notRun) return h('div', { class: 'probe-why', 'data-kind': notRun[1] === 'not run' ? 'not-run' : 'stopped' }, line(notRun[1] === 'not run' ? 'Not run' : 'Stopped', notRun[2]!), notes);
  // The check's label, then the expected value; the value got runs to the hint, if any.
  const check = /^(.+?): expected (.+?), got (.*?)(?: — (.*))?$/.exec(first);
  if (check) {
    const [, what, expected, got, hint] = check;
    return h(
      'div',
      { class: 'probe-why', 'data-kind': 'check' },
      h('dl', { class: 'check' }, h('dt', {}, 'Checked'), h('dd', {}, what!), h('dt', {}, 'Expected'), h('dd', {}, expected!), h('dt', {}, 'Got'), h('dd', {}, got!), hint ? h('dt', {}, 'Hint') : null, hint ? h('dd', {}, hint) : null),
      notes,
    );
  }
  return h('div', { class: 'probe-why', 'data-kind': 'failure' }, line('Why it failed', first), notes);
}

function probeView(probe: Probe, showHidden: boolean): HTMLElement {
  const hidden = probe.visibility === 'hidden' && !showHidden;
  const body = hidden
    ? [h('p', { class: 'muted' }, 'A hidden probe: only its name and whether it passed are shown.')]
    : [
        probeMessageView(probe),
        ...(probe.exchanges ?? []).map(exchangeView),
      ];
  return h(
    'details',
    { class: `probe ${probe.passed ? 'passed' : 'failed'}`, 'data-probe': probe.id, open: !probe.passed && !hidden },
    h(
      'summary',
      {},
      h('span', { class: 'mark', 'aria-label': probe.passed ? 'passed' : 'failed' }, probe.passed ? '✓' : '✗'),
      h('span', { class: 'probe-name' }, probe.name),
      h('span', { class: 'tag' }, hidden ? 'hidden' : 'sample'),
      restartedTag(probe),
      h('span', { class: 'muted' }, `weight ${probe.weight}`),
    ),
    ...body,
  );
}

/** A probe as it finishes, while the rest still run. */
export function liveProbeView(probe: Probe): HTMLElement {
  return h(
    'li',
    { class: `live-probe ${probe.passed ? 'passed' : 'failed'}`, 'data-probe': probe.id },
    h('span', { class: 'mark', 'aria-label': probe.passed ? 'passed' : 'failed' }, probe.passed ? '✓' : '✗'),
    h('span', { class: 'probe-name' }, probe.name),
    restartedTag(probe),
  );
}

/** `showHidden`: a reviewer's view, where hidden probes come with their details. */
export function verdictView(result: RunResult, jumpTo: (line: number, column: number) => void, showHidden = false): HTMLElement {
  const what = result.mode === 'run' ? 'Run (sample probes)' : 'Submission (all probes)';
  return h(
    'div',
    { class: 'result', 'data-status': result.status },
    h(
      'div',
      { class: 'verdict' },
      statusBadge(result.status),
      h('span', { class: 'score', 'data-score': result.score }, `Score ${result.score}/100`),
      h('span', { class: 'muted' }, `${what} · ${result.timings.totalMs} ms · seed ${result.seed}`),
    ),
    h('p', { class: 'verdict-message' }, result.message),
    result.diagnostics.length > 0
      ? h(
          'ul',
          { class: 'diagnostics' },
          ...result.diagnostics.map((d) =>
            h(
              'li',
              {},
              h(
                'button',
                { class: d.severity, title: 'Go to this line', onclick: () => jumpTo(d.line, d.column) },
                `Line ${d.line}:${d.column} — ${d.kind === 'type' ? 'type error' : 'syntax error'}: ${d.message}`,
              ),
            ),
          ),
        )
      : null,
    ...result.probes.map((p) => probeView(p, showHidden)),
  );
}

/** A run's or a sent request's server output. */
export function outputView(result: Pick<RunResult, 'logs'>): HTMLElement {
  const stream = (name: string, text: string) => [h('h4', {}, `Server ${name}`), text ? h('pre', { class: name }, text) : h('p', { class: 'muted' }, '(nothing)')];
  return h(
    'div',
    { class: 'output' },
    ...stream('stdout', result.logs.stdout),
    ...stream('stderr', result.logs.stderr),
    result.logs.truncated ? h('p', { class: 'muted' }, 'Output was cut: only the first part of each stream is kept.') : null,
  );
}
