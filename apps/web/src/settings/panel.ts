// The Settings button and its dialog: theme, editor font size, word wrap, vim keybindings. Each
// control applies at once, to this page and every other one; Escape or Close ends the dialog and
// puts the focus back on the button.
import { clear, h } from '../dom';
import { openDialog } from '../kata/dialog';
import { FONT_SIZES, settings, themes, updateSettings, type Theme } from './settings';
import './settings.css';

const themeLabels: Record<Theme, string> = { system: 'System (follows your device)', light: 'Light', dark: 'Dark' };

function settingsForm(): HTMLElement {
  const now = settings();
  const theme = h(
    'fieldset',
    {},
    h('legend', {}, 'Theme'),
    ...themes.map((t) =>
      h('label', {}, h('input', { type: 'radio', name: 'theme', value: t, checked: t === now.theme, onchange: () => updateSettings({ theme: t }) }), ` ${themeLabels[t]}`),
    ),
  );
  const size = h('input', {
    type: 'number',
    name: 'fontSize',
    min: FONT_SIZES.min,
    max: FONT_SIZES.max,
    step: 1,
    value: now.fontSize,
    oninput: () => {
      if (size.checkValidity() && size.value !== '') updateSettings({ fontSize: Number(size.value) });
    },
  });
  const checkbox = (name: 'wordWrap' | 'vim', label: string) =>
    h('label', {}, h('input', { type: 'checkbox', name, checked: now[name], onchange: (e) => updateSettings({ [name]: (e.target as HTMLInputElement).checked }) }), ` ${label}`);
  return h(
    'form',
    { class: 'settings-form', onsubmit: (e) => e.preventDefault() },
    theme,
    h('label', {}, `Editor font size (${FONT_SIZES.min}–${FONT_SIZES.max} px) `, size),
    checkbox('wordWrap', 'Wrap long lines'),
    checkbox('vim', 'Vim keybindings'),
  );
}

export function settingsButton(): HTMLElement {
  const button = h('button', { type: 'button', 'aria-haspopup': 'dialog' }, 'Settings');
  button.addEventListener('click', () => {
    const body = h('div', { class: 'settings-body' });
    const dialog = openDialog('Settings', body, { onClose: () => button.focus() });
    dialog.classList.add('settings-dialog');
    const form = settingsForm();
    clear(body, form);
    form.querySelector<HTMLInputElement>('input:checked')?.focus();
  });
  return button;
}
