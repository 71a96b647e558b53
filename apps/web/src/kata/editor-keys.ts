// Tab indents in the editor, so a keyboard user needs the way out said where they type: Monaco's
// tab focus mode (Ctrl+M, Ctrl+Shift+M on a Mac) makes Tab move the focus instead. The line under
// the editor says which of the two Tab does now.
import { clear, h } from '../dom';

export const onMac = /Mac|iPhone|iPad/.test(navigator.platform);
const toggle = onMac ? 'Ctrl+Shift+M' : 'Ctrl+M';

export function editorKeysHint(): { element: HTMLElement; update(tabMovesFocus: boolean): void } {
  const element = h('p', { class: 'editor-keys muted', 'aria-live': 'polite' });
  const update = (tabMovesFocus: boolean) => {
    element.dataset.tabMovesFocus = String(tabMovesFocus);
    clear(
      element,
      ...(tabMovesFocus
        ? ['Tab now moves the focus out of the editor. ', h('kbd', {}, toggle), ' makes it indent again.']
        : ['Tab indents. To leave the editor with the keyboard, press ', h('kbd', {}, toggle), ', then Tab.']),
    );
  };
  update(false);
  return { element, update };
}
