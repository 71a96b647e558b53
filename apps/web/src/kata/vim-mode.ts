// monaco-vim on one editor, with its status line (mode, pending keys, the : command line). A module
// of its own so that it, and monaco-vim with it, load only when vim is turned on.
import type * as monaco from 'monaco-editor/editor';
import { initVimMode } from 'monaco-vim';

export function startVimMode(editor: monaco.editor.ICodeEditor, statusLine: HTMLElement): { dispose(): void } {
  statusLine.replaceChildren();
  return initVimMode(editor as Parameters<typeof initVimMode>[0], statusLine);
}
