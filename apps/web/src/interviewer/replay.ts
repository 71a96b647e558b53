// The candidate's code over time: play, pause, scrub and speed over the recorded snapshots, the
// pastes marked on the timeline, and a diff between any two points.
import type { Replay } from '../../../contract';
import { h } from '../dom';
import { openDialog } from '../kata/dialog';

type MonacoModule = typeof import('../kata/monaco');

/** A long pause in the recording plays as at most this long, so idle minutes do not stall the replay. */
const MAX_STEP_MS = 1500;

const kindLabels = { edit: 'typing', paste: 'paste', run: 'Run', submit: 'Submit' } as const;

export function replayView(replay: Replay, monaco: Promise<MonacoModule>): HTMLElement {
  const snaps = replay.snapshots;
  if (snaps.length === 0) return h('p', { class: 'muted' }, 'Nothing was recorded for this kata.');
  const origin = Date.parse(replay.startedAt ?? snaps[0]!.at);
  const offset = (i: number) => {
    const s = Math.max(0, Math.round((Date.parse(snaps[i]!.at) - origin) / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const label = (i: number) => `#${i + 1} at ${offset(i)} — ${kindLabels[snaps[i]!.kind]}`;

  const host = h('div', { class: 'replay-code' });
  const slider = h('input', { type: 'range', min: 0, max: snaps.length - 1, value: snaps.length - 1, 'aria-label': 'Replay position' });
  const where = h('span', { class: 'replay-where', 'aria-live': 'off' });
  const play = h('button', {}, 'Play');
  const speed = h('select', { 'aria-label': 'Speed' }, ...[1, 2, 4, 8].map((x) => h('option', { value: x, selected: x === 4 }, `${x}×`)));
  const marks = h(
    'div',
    { class: 'replay-marks', 'aria-label': 'Pastes, runs and submits on the timeline' },
    ...snaps.flatMap((s, i) =>
      s.kind === 'edit' ? [] : [h('button', { class: `mark-${s.kind}`, title: label(i), style: `left: ${snaps.length > 1 ? (i / (snaps.length - 1)) * 100 : 0}%`, onclick: () => show(i) }, s.kind === 'paste' ? 'P' : s.kind === 'run' ? 'R' : 'S')],
    ),
  );
  const options = () => snaps.map((_, i) => h('option', { value: i }, label(i)));
  const from = h('select', { 'aria-label': 'Diff from' }, ...options());
  const to = h('select', { 'aria-label': 'Diff to' }, ...options());
  to.value = String(snaps.length - 1);

  let editor: { setValue(code: string): void } | undefined;
  let timer: number | undefined;
  function show(i: number): void {
    slider.value = String(i);
    where.textContent = label(i);
    editor?.setValue(snaps[i]!.code);
  }
  function stop(): void {
    window.clearTimeout(timer);
    timer = undefined;
    play.textContent = 'Play';
  }
  function step(): void {
    const i = Number(slider.value);
    if (i >= snaps.length - 1) return stop();
    const gap = Math.min(MAX_STEP_MS, Date.parse(snaps[i + 1]!.at) - Date.parse(snaps[i]!.at)) / Number(speed.value);
    timer = window.setTimeout(() => {
      show(i + 1);
      step();
    }, Math.max(50, gap));
  }
  play.addEventListener('click', () => {
    if (timer !== undefined) return stop();
    if (Number(slider.value) >= snaps.length - 1) show(0);
    play.textContent = 'Pause';
    step();
  });
  slider.addEventListener('input', () => {
    stop();
    show(Number(slider.value));
  });
  const diff = h('button', {
    onclick: () => {
      const body = h('div', { class: 'dialog-body' });
      openDialog(`Diff: ${label(Number(from.value))} → ${label(Number(to.value))}`, body);
      void monaco.then((m) => m.showDiff(body, snaps[Number(from.value)]!.code, snaps[Number(to.value)]!.code));
    },
  }, 'Show diff');

  void monaco.then((m) => {
    editor = m.showCode(host, snaps[snaps.length - 1]!.code);
  });
  show(snaps.length - 1);
  return h(
    'div',
    { class: 'replay' },
    h('div', { class: 'replay-controls' }, play, speed, where),
    h('div', { class: 'replay-timeline' }, slider, marks),
    host,
    h('div', { class: 'replay-diff' }, 'Compare ', from, ' with ', to, ' ', diff),
  );
}
