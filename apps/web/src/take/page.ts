// The candidate's page, /a/<token>: instructions, the katas and the time limit, a practice
// editor, Start; then a countdown kept by the server, one editor per kata with Run and Submit,
// Finish, and at the deadline the editors lock (the server submits the last drafts itself).
import type { Take } from '../../../contract';
import { ApiError } from '../api';
import { clear, h } from '../dom';
import { editorKeysHint } from '../kata/editor-keys';
import type { CodeEditor } from '../kata/monaco';
import { OutdatedMarker } from '../kata/outdated';
import { renderPrompt } from '../kata/prompt';
import { requestPanel } from '../kata/request';
import { outputView, verdictView } from '../kata/results';
import { settingsButton } from '../settings/panel';
import { split } from '../ui/split';
import { Tabs } from '../ui/tabs';
import { takeApi, type TakeApi } from './api';
import { Countdown } from './countdown';
import { Recorder } from './recorder';

type MonacoModule = typeof import('../kata/monaco');

/** How often the page asks the server for the take's state: an extension or a cancel shows within this. */
const POLL_MS = 3000;

const closedText: Record<string, string> = {
  finished: 'This assignment is finished. Thank you — your work has been handed in.',
  expired: 'This link has expired.',
  cancelled: 'This assignment was cancelled by the interviewer.',
};

function shell(root: HTMLElement, take: Take | null, ...content: Array<Node | null>): void {
  clear(root, h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'Katabox'), h('h1', {}, take ? `Assignment for ${take.candidateName}` : 'Assignment'), h('span', { class: 'spacer' }), settingsButton()), h('main', { class: 'take' }, ...content));
}

function showClosed(root: HTMLElement, take: Take): void {
  shell(root, take, h('p', { class: 'take-closed', 'data-status': take.status }, closedText[take.status] ?? take.status));
}

export async function showTakePage(root: HTMLElement, token: string, monaco: Promise<MonacoModule>): Promise<void> {
  const api = takeApi(token);
  let take: Take;
  try {
    take = await api.get();
  } catch (err) {
    shell(root, null, h('p', { class: 'error-text' }, err instanceof ApiError && err.status === 404 ? 'This link does not open any assignment.' : `Could not load the assignment: ${(err as Error).message}`));
    return;
  }
  document.title = 'Assignment — Katabox';
  if (take.status === 'in_progress') return showRunning(root, api, take, monaco);
  if (take.status !== 'created' && take.status !== 'opened') return showClosed(root, take);

  const practice = h('div', { class: 'editor-host practice' });
  const practiceKeys = editorKeysHint();
  const start = h('button', { class: 'primary' }, 'Start');
  const message = h('p', { class: 'error-text', role: 'alert' });
  start.addEventListener('click', () => {
    start.disabled = true;
    api.start().then(
      (started) => showRunning(root, api, started, monaco),
      (err: Error) => {
        message.textContent = err.message;
        start.disabled = false;
      },
    );
  });
  shell(
    root,
    take,
    take.instructions ? h('section', { class: 'instructions', 'aria-label': 'Instructions' }, renderPrompt(take.instructions)) : null,
    h('p', {}, 'Time limit: ', h('strong', { class: 'time-limit' }, `${take.minutes} min`), '. The clock starts when you press Start and runs on the server: reloading or closing the page does not stop it. At the end, your latest code of each kata is submitted for you.'),
    h('h2', {}, 'Katas'),
    h('ol', { class: 'take-katas' }, ...take.katas.map((k) => h('li', {}, k.title, ' ', h('span', { class: `badge ${k.difficulty}` }, k.difficulty)))),
    h('h2', {}, 'Practice editor'),
    h('p', { class: 'muted' }, 'Try the editor here first; nothing you type here is kept.'),
    practice,
    practiceKeys.element,
    h('p', {}, start),
    message,
  );
  const m = await monaco;
  m.createCodeEditor(practice, "// Try the editor: Node's types are here, e.g. import http from 'node:http';\n", { onChange: () => undefined, onRun: () => undefined, onSubmit: () => undefined, onTabFocusMode: practiceKeys.update }, 'practice');
}

function showRunning(root: HTMLElement, api: TakeApi, take: Take, monaco: Promise<MonacoModule>): void {
  let locked = false;
  const editors = new Map<string, CodeEditor>();
  const recorders = new Map<string, Recorder>();
  const countdown = new Countdown(
    () => lock('Time is up. Your latest code of each kata is being submitted for you.'),
    () => void Promise.all([...recorders.values()].map((r) => r.flush())),
  );
  countdown.set(take.deadlineAt!, take.serverNow);
  const status = h('p', { class: 'take-status', role: 'status' });
  const finish = h('button', {}, 'Finish');

  const tabs = new Tabs({ label: 'Katas', class: 'take-katas-tabs' });
  const bodies = take.katas.map((kata) => {
    const editorHost = h('div', { class: 'editor-host' });
    const keys = editorKeysHint();
    const results = h('div', { class: 'tab-body take-results', role: 'region', 'aria-label': `Results of ${kata.title}` });
    const outdated = new OutdatedMarker([results]);
    const saveState = h('span', { class: 'save-state muted', 'aria-live': 'polite' }, kata.draft ? 'Saved' : '');
    const run = h('button', { onclick: () => void act('run') }, 'Run');
    const submit = h('button', { class: 'primary', onclick: () => void act('submit') }, 'Submit');
    const work = h('section', { class: 'work', 'aria-label': `Your solution of ${kata.title}` });
    const panel = h(
      'div',
      { class: 'panel' },
      h('div', { class: 'take-actions', role: 'group', 'aria-label': 'Run and submit' }, saveState, run, submit),
      results,
      h('details', { class: 'take-request' }, h('summary', {}, 'Send your own request'), requestPanel({ code: () => (locked ? undefined : editors.get(kata.slug)?.getValue()), send: (code, request) => api.sendRequest(kata.slug, code, request) })),
    );
    split(work, h('div', { class: 'editor-area' }, editorHost, keys.element), panel, { direction: 'column', key: 'take-editor-results', label: 'Resize the editor and the results', initial: 60, min: 20, max: 85 });
    const body = tabs.add(kata.title, h('section', { class: 'take-kata', 'data-slug': kata.slug }));
    split(body, h('article', { class: 'prompt' }, renderPrompt(kata.prompt ?? '')), work, { direction: 'row', key: 'take-prompt-editor', label: 'Resize the prompt and the editor', initial: 36, min: 20, max: 70 });
    if (kata.lastSubmission?.result) {
      clear(results, verdictView(kata.lastSubmission.result, (l, c) => editors.get(kata.slug)?.reveal(l, c)));
      outdated.shown(kata.lastSubmission.code, kata.draft ?? kata.starter ?? '');
    }

    async function act(mode: 'run' | 'submit'): Promise<void> {
      const editor = editors.get(kata.slug);
      if (!editor || locked) return;
      run.disabled = submit.disabled = true;
      await recorders.get(kata.slug)!.flush();
      outdated.cleared();
      clear(results, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), mode === 'run' ? 'Running the sample probes…' : 'Submitted: running every probe…'));
      try {
        const code = editor.getValue();
        const result = mode === 'run' ? await api.run(kata.slug, code) : (await api.submit(kata.slug, code)).result!;
        clear(results, verdictView(result, (l, c) => editor.reveal(l, c)), outputView(result));
        outdated.shown(code, editor.getValue());
      } catch (err) {
        clear(results, h('p', { class: 'error-text', role: 'alert' }, (err as Error).message));
      } finally {
        run.disabled = submit.disabled = locked;
      }
    }
    return { kata, editorHost, keys, outdated, saveState, buttons: [run, submit] };
  });

  function lock(text: string): void {
    if (locked) return;
    locked = true;
    countdown.stop();
    for (const editor of editors.values()) editor.setReadOnly(true);
    for (const b of bodies) for (const button of b.buttons) button.disabled = true;
    finish.disabled = true;
    status.textContent = text;
  }

  /** The server says the take is over: nothing more to ask it. */
  function closed(latest: Take): void {
    window.clearInterval(poll);
    lock('');
    showClosed(root, latest);
  }

  finish.addEventListener('click', () => {
    if (!confirm('Finish now? Your latest code of each kata is submitted and you cannot change it afterwards.')) return;
    void Promise.all([...recorders.values()].map((r) => r.flush()))
      .then(() => api.finish())
      .then(
        closed,
        (err: Error) => (status.textContent = err.message),
      );
  });

  shell(
    root,
    take,
    h('div', { class: 'take-bar' }, h('span', {}, 'Time left: ', countdown.element), finish, status),
    countdown.warning,
    tabs.element,
  );

  // The server's word on the take: a later deadline, a cancel, or the finish after the deadline.
  const poll = window.setInterval(() => {
    api.get().then(
      (latest) => {
        if (latest.status === 'in_progress') {
          if (!locked) countdown.set(latest.deadlineAt!, latest.serverNow);
          return;
        }
        closed(latest);
      },
      () => undefined,
    );
  }, POLL_MS);

  void monaco.then((m) => {
    for (const { kata, editorHost, keys, outdated, saveState } of bodies) {
      const initial = kata.draft ?? kata.starter ?? '';
      const recorder = new Recorder((code, paste, keepalive) => api.saveDraft(kata.slug, code, paste, keepalive), (text) => (saveState.textContent = text));
      recorders.set(kata.slug, recorder);
      const editor = m.createCodeEditor(
        editorHost,
        initial,
        {
          onChange: (code) => {
            recorder.changed(code);
            outdated.changed(code);
          },
          onPaste: (n) => recorder.pasted(n),
          onRun: () => undefined,
          onSubmit: () => undefined,
          onTabFocusMode: keys.update,
        },
        `take-${kata.slug}`,
      );
      editor.setReadOnly(locked);
      editors.set(kata.slug, editor);
    }
  });
}
