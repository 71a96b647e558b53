// Monaco, set up for katas: the ESM editor core with only the contributions a kata needs, the
// TypeScript language service in a worker, and Node's typings so `node:http` resolves. Loaded
// only by the kata page, through a dynamic import.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/rename/browser/rename';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/browser/widget/diffEditor/diffEditor.contribution';
// Services that some of the contributions above ask for; editor.main registers them through
// contributions we leave out, and without them Monaco throws "depends on UNKNOWN service".
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/contrib/documentSymbols/browser/outlineModel';
import 'monaco-editor/editor/common/services/treeViewsDndService';
import 'monaco-editor/languages/definitions/typescript/register';
import { ModuleKind, ModuleResolutionKind, ScriptTarget, typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import { h } from '../dom';
import { onSettingsChange, settings, type Settings } from '../settings/settings';
import { isDark, onDarkChange } from '../settings/theme';
import { vimWhenAsked } from './vim';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { onMac } from './editor-keys';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

// The same options the sandbox compiles and type-checks with (CommonJS, esModuleInterop, strict,
// ES2022 library, Node's globals), so the squiggles here are the errors a submission reports.
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  lib: ['es2022'],
  module: ModuleKind.CommonJS,
  moduleResolution: ModuleResolutionKind.NodeJs,
  esModuleInterop: true,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  // Every file is a module, as in CommonJS: open submissions do not clash with the draft's names.
  moduleDetection: 3,
});
void import('virtual:node-typings').then(({ default: files }) =>
  typescriptDefaults.setExtraLibs(Object.entries(files).map(([filePath, content]) => ({ filePath, content }))),
);

// vs-dark's comments (#608b4e) fall short of the 4.5:1 contrast text needs; VS Code's own dark theme has #6a9955.
monaco.editor.defineTheme('katabox-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '6a9955' }], colors: {} });
const theme = () => (isDark() ? 'katabox-dark' : 'vs');
onDarkChange(() => monaco.editor.setTheme(theme()));

/** The learner's settings as editor options; every editor on the page follows a change at once. */
const fromSettings = (s: Settings): monaco.editor.IEditorOptions => ({ fontSize: s.fontSize, wordWrap: s.wordWrap ? 'on' : 'off' });
onSettingsChange((s) => {
  for (const editor of monaco.editor.getEditors()) editor.updateOptions(fromSettings(s));
});

const common = (): monaco.editor.IEditorOptions => ({
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fixedOverflowWidgets: true,
  ...fromSettings(settings()),
});

let nextModel = 0;
const model = (code: string, name = `view-${++nextModel}`) => monaco.editor.createModel(code, 'typescript', monaco.Uri.parse(`file:///${name}.ts`));

export interface CodeEditor {
  getValue(): string;
  /** Replaces the whole text as one undoable edit. */
  setValue(code: string): void;
  reveal(line: number, column: number): void;
  /** Locks or unlocks the text (a timed take locks it at its deadline). */
  setReadOnly(readOnly: boolean): void;
}

export interface EditorHandlers {
  onChange(code: string): void;
  /** How many characters a paste put in (a timed take marks large pastes for its reviewer). */
  onPaste?(characters: number): void;
  onRun(): void;
  onSubmit(): void;
  /** Ctrl+M (Ctrl+Shift+M on a Mac) turned Tab moving the focus out on or off. */
  onTabFocusMode?(on: boolean): void;
}

/** `name` keeps several editors on one page apart (each file is a module of its own). */
export function createCodeEditor(host: HTMLElement, code: string, handlers: EditorHandlers, name = 'solution'): CodeEditor {
  const surface = h('div', { class: 'editor-surface' });
  const statusLine = h('div', { class: 'vim-status', role: 'status', 'aria-label': 'Vim status line' });
  host.classList.add('has-status-line');
  host.append(surface, statusLine);
  const editor = monaco.editor.create(surface, { ...common(), model: model(code, name), theme: theme(), ariaLabel: 'Your solution' });
  vimWhenAsked(editor, statusLine);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, handlers.onRun);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, handlers.onSubmit);
  editor.onDidChangeModelContent(() => handlers.onChange(editor.getValue()));
  editor.onDidPaste((event) => handlers.onPaste?.(editor.getModel()!.getValueInRange(event.range).length));
  // Monaco's tab focus mode, on this editor: its own toggle is a contribution of the full build.
  const toggleKeys = onMac ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM;
  editor.addCommand(toggleKeys, () => {
    const tabFocusMode = !editor.getOption(monaco.editor.EditorOption.tabFocusMode);
    editor.updateOptions({ tabFocusMode });
    handlers.onTabFocusMode?.(tabFocusMode);
  });
  // Not on a phone (the width at which styles.css stacks the page): it would scroll past the
  // prompt and open the keyboard before the learner has read anything.
  if (!matchMedia('(max-width: 760px)').matches) editor.focus();
  return {
    getValue: () => editor.getValue(),
    setValue(text) {
      const whole = editor.getModel()!.getFullModelRange();
      editor.executeEdits('katabox', [{ range: whole, text }]);
      editor.pushUndoStop();
    },
    reveal: (line, column) => reveal(editor, line, column),
    setReadOnly: (readOnly) => editor.updateOptions({ readOnly }),
  };
}

function reveal(editor: monaco.editor.ICodeEditor, line: number, column: number): void {
  editor.setPosition({ lineNumber: line, column });
  editor.revealPositionInCenter({ lineNumber: line, column });
  editor.focus();
}

export function showCode(host: HTMLElement, code: string): monaco.IDisposable & Pick<CodeEditor, 'reveal' | 'setValue'> {
  const m = model(code);
  const editor = monaco.editor.create(host, { ...common(), model: m, readOnly: true, theme: theme() });
  return { dispose: () => (editor.dispose(), m.dispose()), reveal: (line, column) => reveal(editor, line, column), setValue: (text) => m.setValue(text) };
}

export function showDiff(host: HTMLElement, original: string, modified: string): monaco.IDisposable {
  const models = { original: model(original), modified: model(modified) };
  const diff = monaco.editor.createDiffEditor(host, { ...common(), readOnly: true, originalEditable: false, renderSideBySide: true, theme: theme() });
  diff.setModel(models);
  return { dispose: () => (diff.dispose(), models.original.dispose(), models.modified.dispose()) };
}
