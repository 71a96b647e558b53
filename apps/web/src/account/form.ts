// The sign-in and sign-up forms, in a modal dialog. One form for both: they ask the same two
// things, and the learner can switch between them without losing what they typed.
import type { Session } from '../../../contract';
import { accountApi } from '../api';
import { h } from '../dom';
import { openDialog } from '../kata/dialog';

export type AccountFormMode = 'signin' | 'signup';

const text = {
  signin: { title: 'Sign in', submit: 'Sign in', switchTo: 'signup', switchLabel: 'No account yet? Sign up', password: 'current-password' },
  signup: { title: 'Sign up', submit: 'Create account', switchTo: 'signin', switchLabel: 'Have an account? Sign in', password: 'new-password' },
} as const;

export function openAccountForm(initial: AccountFormMode, done: (session: Session) => void): void {
  let mode: AccountFormMode = initial;
  const heading = h('h3', { id: 'account-form-title' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, maxlength: 254 });
  const password = h('input', { type: 'password', name: 'password', required: true, maxlength: 200, 'aria-describedby': 'account-password-hint' });
  const hint = h('span', { id: 'account-password-hint', class: 'muted' });
  const message = h('p', { class: 'error-text', role: 'alert' });
  const submit = h('button', { class: 'primary', type: 'submit' });
  const switcher = h('button', { type: 'button', class: 'link-button', onclick: () => setMode(text[mode].switchTo) });
  const form = h(
    'form',
    { class: 'account-form', 'aria-labelledby': 'account-form-title' },
    heading,
    h('p', { class: 'muted' }, 'An account keeps your drafts and history on every device. What you did in this browser moves into it.'),
    h('label', {}, 'Email', email),
    h('label', {}, 'Password', password, hint),
    submit,
    message,
    switcher,
  );
  const setMode = (next: AccountFormMode) => {
    mode = next;
    heading.textContent = text[mode].title;
    submit.textContent = text[mode].submit;
    switcher.textContent = text[mode].switchLabel;
    password.setAttribute('autocomplete', text[mode].password);
    // The server checks the same bounds; the browser only says so sooner.
    if (mode === 'signup') password.setAttribute('minlength', '10');
    else password.removeAttribute('minlength');
    hint.textContent = mode === 'signup' ? '10 to 200 characters.' : '';
    message.textContent = '';
  };
  setMode(initial);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    const attempt = mode === 'signup' ? accountApi.signUp(email.value, password.value) : accountApi.login(email.value, password.value);
    attempt.then(
      (session) => {
        dialog.close();
        done(session);
      },
      (err: Error) => {
        message.textContent = err.message;
        submit.disabled = false;
      },
    );
  });
  const dialog = openDialog('Your account', form);
  dialog.classList.add('small');
  email.focus();
}
