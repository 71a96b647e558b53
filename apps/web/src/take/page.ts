// The candidate's page, /a/<token>: instructions, the katas and the time limit, a practice
// editor, Start; then a countdown kept by the server, one editor per kata with Run and Submit,
// Finish, and at the deadline the editors lock (the server submits the last drafts itself).
import type { Take } from '../../../contract';
import { ApiError } from '../api';
import { clear, h } from '../dom';
import type { CodeEditor } from '../kata/monaco';
import { renderPrompt } from '../kata/prompt';
import { requestPanel } from '../kata/request';
import { outputView, verdictView } from '../kata/results';
import { settingsButton } from '../settings/panel';
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
    h('p', {}, start),
    message,
  );
  const m = await monaco;
  m.createCodeEditor(practice, "// Try the editor: Node's types are here, e.g. import http from 'node:http';\n", { onChange: () => undefined, onRun: () => undefined, onSubmit: () => undefined }, 'practice');
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

  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const bodies = take.katas.map((kata, i) => {
    const editorHost = h('div', { class: 'editor-host' });
    const results = h('div', { class: 'tab-body take-results', 'aria-label': `Results of ${kata.title}` });
    const saveState = h('span', { class: 'save-state muted', 'aria-live': 'polite' }, kata.draft ? 'Saved' : '');
    const run = h('button', { onclick: () => void act('run') }, 'Run');
    const submit = h('button', { class: 'primary', onclick: () => void act('submit') }, 'Submit');
    const body = h(
      'section',
      { class: 'take-kata', 'data-slug': kata.slug, role: 'tabpanel', 'aria-label': kata.title, hidden: i > 0 },
      h('article', { class: 'prompt' }, renderPrompt(kata.prompt ?? '')),
      h(
        'section',
        { class: 'work' },
        editorHost,
        h(
          'div',
          { class: 'panel' },
          h('div', { class: 'take-actions' }, saveState, run, submit),
          results,
          h('details', { class: 'take-request' }, h('summary', {}, 'Send your own request'), requestPanel({ code: () => (locked ? undefined : editors.get(kata.slug)?.getValue()), send: (code, request) => api.sendRequest(kata.slug, code, request) })),
        ),
      ),
    );
    if (kata.lastSubmission?.result) clear(results, verdictView(kata.lastSubmission.result, (l, c) => editors.get(kata.slug)?.reveal(l, c)));

    async function act(mode: 'run' | 'submit'): Promise<void> {
      const editor = editors.get(kata.slug);
      if (!editor || locked) return;
      run.disabled = submit.disabled = true;
      await recorders.get(kata.slug)!.flush();
      clear(results, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), mode === 'run' ? 'Running the sample probes…' : 'Submitted: running every probe…'));
      try {
        const code = editor.getValue();
        const result = mode === 'run' ? await api.run(kata.slug, code) : (await api.submit(kata.slug, code)).result!;
        clear(results, verdictView(result, (l, c) => editor.reveal(l, c)), outputView(result));
      } catch (err) {
        clear(results, h('p', { class: 'error-text', role: 'alert' }, (err as Error).message));
      } finally {
        run.disabled = submit.disabled = locked;
      }
    }
    return { kata, body, editorHost, saveState, buttons: [run, submit] };
  });
  tabs.append(
    ...bodies.map(({ kata, body }, i) =>
      h('button', {
        role: 'tab',
        'aria-selected': String(i === 0),
        onclick: (event: Event) => {
          for (const b of bodies) b.body.hidden = b.body !== body;
          for (const t of tabs.children) t.setAttribute('aria-selected', String(t === event.currentTarget));
        },
      }, kata.title),
    ),
  );

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
    tabs,
    ...bodies.map((b) => b.body),
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
    for (const { kata, editorHost, saveState } of bodies) {
      const initial = kata.draft ?? kata.starter ?? '';
      const recorder = new Recorder((code, paste, keepalive) => api.saveDraft(kata.slug, code, paste, keepalive), (text) => (saveState.textContent = text));
      recorders.set(kata.slug, recorder);
      const editor = m.createCodeEditor(editorHost, initial, { onChange: (code) => recorder.changed(code), onPaste: (n) => recorder.pasted(n), onRun: () => undefined, onSubmit: () => undefined }, `take-${kata.slug}`);
      editor.setReadOnly(locked);
      editors.set(kata.slug, editor);
    }
  });
}
