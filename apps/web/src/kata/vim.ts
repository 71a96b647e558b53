// Vim keybindings on a learner's editor while the settings ask for them. The keybindings
// themselves (monaco-vim) are a chunk of their own, fetched the first time vim is turned on:
// with vim off they cost nothing.
import type * as monaco from 'monaco-editor/editor';
import { onSettingsChange, settings } from '../settings/settings';

export function vimWhenAsked(editor: monaco.editor.ICodeEditor, statusLine: HTMLElement): void {
  let mode: { dispose(): void } | undefined;
  let wanted = false;
  const follow = async (on: boolean) => {
    wanted = on;
    if (!on) {
      mode?.dispose();
      mode = undefined;
      return;
    }
    if (mode) return;
    try {
      const { startVimMode } = await import('./vim-mode');
      // Turned off, or on twice, while the chunk was coming.
      if (wanted && !mode) mode = startVimMode(editor, statusLine);
    } catch (err) {
      statusLine.style.display = 'block';
      statusLine.textContent = `Vim keybindings failed to load: ${(err as Error).message}`;
    }
  };
  void follow(settings().vim);
  const stop = onSettingsChange((s) => void follow(s.vim));
  editor.onDidDispose(() => {
    stop();
    mode?.dispose();
  });
}
