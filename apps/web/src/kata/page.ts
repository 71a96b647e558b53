// The kata page: the prompt beside the editor, Run and Submit, and below them the results, the
// server's output and the learner's history. The prompt shows while Monaco is still loading.
import type { KataPage, RunResult, Submission } from '../../../contract';
import { accountMenu } from '../account/menu';
import { api, ApiError, isUnreachable, watchSubmission } from '../api';
import { clear, h } from '../dom';
import { progressBadge } from '../progress';
import { settingsButton } from '../settings/panel';
import { split } from '../ui/split';
import { Tabs } from '../ui/tabs';
import { Autosave, type SaveState } from './autosave';
import { editorKeysHint } from './editor-keys';
import { HistoryPanel } from './history';
import type { CodeEditor } from './monaco';
import { OutdatedMarker } from './outdated';
import { renderPrompt } from './prompt';
import { requestPanel } from './request';
import { liveProbeView, outputView, verdictView } from './results';
import { PracticeTimer } from './timer';

type MonacoModule = typeof import('./monaco');

type Mode = 'run' | 'submit';

const saveLabels: Record<SaveState, string> = { saved: 'Draft saved', unsaved: 'Unsaved changes', saving: 'Saving…', failed: 'Not saved — retrying' };

function failureMessage(err: unknown, mode: Mode): string {
  if (err instanceof ApiError && (err.status === 429 || err.status === 503)) return err.message;
  if (isUnreachable(err)) return `${(err as Error).message} The code was not ${mode === 'run' ? 'run' : 'submitted'}.`;
  return `Could not ${mode === 'run' ? 'run' : 'submit'} the code: ${(err as Error).message}`;
}

const RECOVERY_POLL_MS = 2000;
const RECOVERY_GIVE_UP_MS = 5 * 60_000;

/** Hints, one more each time the learner asks, from gentle to specific. */
function hintsView(hints: string[]): HTMLElement {
  const shown = h('ol', {});
  const more = h('button', {
    onclick: () => {
      shown.append(h('li', {}, hints[shown.children.length]!));
      more.textContent = `Show a hint (${shown.children.length + 1} of ${hints.length})`;
      more.hidden = shown.children.length >= hints.length;
    },
  }, `Show a hint (1 of ${hints.length})`);
  return h('section', { class: 'hints', 'aria-label': 'Hints', 'aria-live': 'polite' }, shown, more);
}

function notFoundPage(root: HTMLElement, message: string): void {
  clear(root, h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'Katabox')), h('main', { class: 'catalog' }, h('p', { class: 'error-text' }, message), h('a', { href: '/' }, 'Back to the katas')));
}

export async function showKataPage(root: HTMLElement, slug: string, monaco: Promise<MonacoModule>): Promise<void> {
  let page: KataPage;
  try {
    page = await api.kata(slug);
  } catch (err) {
    notFoundPage(root, err instanceof ApiError && err.status === 404 ? `There is no kata "${slug}".` : `Could not load the kata: ${(err as Error).message}`);
    return;
  }
  const { kata } = page;
  document.title = `${kata.title} — Katabox`;

  let editor: CodeEditor | undefined;
  let busy = false;
  const saveState = h('span', { class: 'save-state muted', 'aria-live': 'polite' }, page.draft ? 'Draft restored' : '');
  const autosave = new Autosave(
    (code, keepalive) => api.saveDraft(slug, code, keepalive),
    (state) => {
      saveState.textContent = saveLabels[state];
      saveState.dataset.state = state;
    },
  );
  const progress = h('span', {}, progressBadge(page.progress));
  const timer = new PracticeTimer(slug, kata.minutes, page.practice);
  const runButton = h('button', { disabled: true, title: 'Sample probes, with full details (Ctrl/Cmd+Enter)', onclick: () => void run('run') }, 'Run');
  const submitButton = h('button', { class: 'primary', disabled: true, title: 'Every probe, scored and stored (Ctrl/Cmd+Shift+Enter)', onclick: () => void run('submit') }, 'Submit');
  const resetButton = h('button', { disabled: true, onclick: () => void reset() }, 'Reset to starter');
  const setBusy = (value: boolean) => {
    busy = value;
    runButton.disabled = submitButton.disabled = busy || !editor;
    resetButton.disabled = !editor;
    runButton.setAttribute('aria-busy', String(busy));
  };

  const panel = new Tabs({ label: 'Results, output and history', class: 'panel' });
  const results = panel.add('Results');
  const output = panel.add('Output');
  const history = new HistoryPanel(slug, monaco, (code) => editor?.setValue(code));
  panel.add('History').append(history.element);
  panel.add('Request').append(requestPanel({ code: () => editor?.getValue(), send: (code, request) => api.sendRequest(slug, code, request) }));
  const outdated = new OutdatedMarker([results, output]);
  clear(
    results,
    h('p', { class: 'muted' }, h('strong', {}, 'Run'), ' ', h('kbd', {}, 'Ctrl/Cmd+Enter'), ' checks the sample probes and shows each request and response. ', h('strong', {}, 'Submit'), ' ', h('kbd', {}, 'Ctrl/Cmd+Shift+Enter'), ' runs every probe, scores it and keeps it in your history.'),
  );
  clear(output, h('p', { class: 'muted' }, "Your server's stdout and stderr show here after a run."));
  const editorHost = h('div', { class: 'editor-host' }, h('p', { class: 'placeholder muted' }, 'Loading the editor…'));
  const keys = editorKeysHint();
  const debrief = h('section', { class: 'debrief', 'aria-label': 'Debrief', hidden: true });
  const showDebrief = (latest: KataPage) => {
    if (!latest.debrief || !debrief.hidden) return;
    clear(
      debrief,
      h('h2', {}, 'Debrief'),
      h('p', { class: 'muted' }, 'Solved. What an interviewer would ask next about it:'),
      renderPrompt(latest.debrief),
      latest.next ? h('p', {}, h('strong', {}, 'Next in this track: '), h('a', { href: `/katas/${latest.next.slug}` }, latest.next.title)) : null,
    );
    debrief.hidden = false;
  };
  showDebrief(page);

  const prompt = h('article', { class: 'prompt', id: 'kata-prompt' }, renderPrompt(kata.prompt), hintsView(kata.hints), debrief);
  const editorArea = h('div', { class: 'editor-area', id: 'kata-editor' }, editorHost, keys.element);
  const work = h('section', { class: 'work', 'aria-label': 'Your solution and its results' });
  split(work, editorArea, panel.element, { direction: 'column', key: 'editor-results', label: 'Resize the editor and the results', initial: 60, min: 20, max: 85 });
  const main = h('main', { class: 'kata-main' });
  split(main, prompt, work, { direction: 'row', key: 'prompt-editor', label: 'Resize the prompt and the editor', initial: 38, min: 20, max: 70 });
  clear(
    root,
    h(
      'div',
      { class: 'kata-page' },
      h(
        'header',
        { class: 'topbar' },
        h('a', { class: 'brand', href: '/' }, 'Katabox'),
        h('h1', {}, kata.title),
        h('span', { class: 'kata-meta' }, h('span', { class: `badge ${kata.difficulty}` }, kata.difficulty), h('span', { class: 'muted' }, `${kata.minutes} min`), progress, timer.element),
        h('span', { class: 'spacer' }),
        // A bar of its own at the bottom of a narrow screen, so the buttons stay in reach.
        h('div', { class: 'kata-actions', role: 'group', 'aria-label': 'Run and submit' }, saveState, resetButton, runButton, submitButton),
        settingsButton(),
        accountMenu(),
      ),
      main,
    ),
  );
  void history.refresh();

  async function run(mode: Mode): Promise<void> {
    if (busy || !editor) return;
    setBusy(true);
    await autosave.flush();
    const code = editor.getValue();
    panel.show('Results');
    outdated.cleared();
    const started = performance.now();
    const clock = h('span', { class: 'muted' }, '0.0 s');
    const ticking = window.setInterval(() => (clock.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`), 100);
    clear(results, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), mode === 'run' ? 'Running the sample probes…' : 'Submitted: running every probe…', clock));
    const show = (result: RunResult) => {
      clear(results, verdictView(result, (line, column) => editor?.reveal(line, column)));
      clear(output, outputView(result));
      outdated.shown(code, editor?.getValue() ?? code);
    };
    try {
      if (mode === 'run') {
        show(await api.run(slug, code));
      } else {
        const known = history.ids();
        const queued = await api.submit(slug, code).catch(async (err: unknown) => {
          if (!isUnreachable(err)) throw err;
          // The request may have reached the server before it went away: ask it once it is back.
          clear(results, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), 'The server did not answer. Waiting for it to come back to find out whether the submission reached it…'));
          const found = await findSent(code, known);
          if (!found) throw new ApiError(0, 'not_stored', 'The submission did not reach the server. Press Submit to send it again.');
          return found;
        });
        void history.refresh();
        const ticks = h('ul', { class: 'live-probes', 'aria-label': 'Probes finished so far' });
        const connection = h('p', { class: 'muted', role: 'status' });
        results.append(ticks, connection);
        let shown: RunResult | undefined;
        const stored = await new Promise<Submission>((resolve) => {
          watchSubmission(queued.id, {
            probe: (probe) => ticks.append(liveProbeView(probe)),
            verdict: resolve,
            connection: (lost) => (connection.textContent = lost ? 'Connection lost — reconnecting; the submission is kept and its verdict will show here.' : ''),
            // Type errors can come after the verdict: shown when they do, on the same result.
            diagnostics: (diagnostics) => {
              if (!shown) return;
              shown = { ...shown, diagnostics: [...shown.diagnostics, ...diagnostics] };
              show(shown);
            },
          });
        });
        shown = stored.result!;
        show(shown);
        timer.submitted(stored);
        void history.refresh();
        // Unanswered (the server went away just then), the badge and debrief wait for the next load.
        api.kata(slug).then(
          (latest) => {
            clear(progress, progressBadge(latest.progress));
            showDebrief(latest);
          },
          () => undefined,
        );
      }
    } catch (err) {
      clear(
        results,
        h('p', { class: 'error-text', role: 'alert' }, failureMessage(err, mode)),
        h('button', { onclick: () => void run(mode) }, mode === 'run' ? 'Run again' : 'Submit again'),
      );
    } finally {
      window.clearInterval(ticking);
      setBusy(false);
    }
  }

  /** After a submit that got no answer: the stored submission with this code that History did not hold before, once the server answers again. */
  async function findSent(code: string, known: Set<string>): Promise<Submission | undefined> {
    const until = Date.now() + RECOVERY_GIVE_UP_MS;
    while (Date.now() < until) {
      try {
        const { submissions } = await api.history(slug);
        for (const candidate of submissions.filter((s) => !known.has(s.id))) {
          const full = await api.submission(candidate.id);
          if (full.code === code) return full;
        }
        return undefined;
      } catch (err) {
        if (!isUnreachable(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, RECOVERY_POLL_MS));
      }
    }
    return undefined;
  }

  async function reset(): Promise<void> {
    if (!editor || !confirm('Replace your code with the starter? Your draft of this kata is lost; your submissions stay in History.')) return;
    editor.setValue(kata.starter);
    autosave.discard();
    try {
      await api.deleteDraft(slug);
      saveState.textContent = 'Starter restored';
    } catch (err) {
      saveState.textContent = `Reset not saved: ${(err as Error).message}`;
    }
  }

  // The shortcuts also work when the focus is outside the editor (the editor handles its own).
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || document.querySelector('dialog[open]')) return;
    event.preventDefault();
    void run(event.shiftKey ? 'submit' : 'run');
  });

  const m = await monaco.catch((err: Error) => {
    clear(editorHost, h('p', { class: 'placeholder error-text' }, `The editor failed to load: ${err.message}. Reload the page to try again.`));
    throw err;
  });
  clear(editorHost);
  editor = m.createCodeEditor(editorHost, page.draft?.code ?? kata.starter, {
    onChange: (code) => {
      autosave.changed(code);
      outdated.changed(code);
    },
    onRun: () => void run('run'),
    onSubmit: () => void run('submit'),
    onTabFocusMode: keys.update,
  });
  setBusy(false);
}
