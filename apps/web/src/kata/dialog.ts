// A modal dialog that cleans up after itself (Escape or Close), for submissions and diffs.
import { h } from '../dom';

export function openDialog(title: string, body: HTMLElement, options: { actions?: HTMLElement[]; onClose?: () => void } = {}): HTMLDialogElement {
  const dialog = h(
    'dialog',
    { 'aria-label': title },
    h('header', {}, h('h2', {}, title), h('span', { class: 'spacer', style: 'flex:1' }), ...(options.actions ?? []), h('button', { onclick: () => dialog.close() }, 'Close')),
    body,
  );
  dialog.addEventListener('close', () => {
    options.onClose?.();
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
