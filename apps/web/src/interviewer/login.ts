// The sign-in page for interviewers and admins (learners sign in from the catalog and kata pages).
import { clear, h } from '../dom';
import { staffApi } from './api';

export function showLogin(root: HTMLElement): void {
  document.title = 'Sign in — Katabox';
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error-text', role: 'alert' });
  const form = h(
    'form',
    { class: 'staff-form' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, 'For interviewers and admins. Learners need no account, and sign in from the katas if they have one.'),
    h('label', {}, 'Email', email),
    h('label', {}, 'Password', password),
    h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    staffApi.login(email.value, password.value).then(
      (session) => location.assign(session.account.role === 'learner' ? '/' : new URLSearchParams(location.search).get('next')?.startsWith('/interviewer') ? new URLSearchParams(location.search).get('next')! : '/interviewer'),
      (err: Error) => (message.textContent = err.message),
    );
  });
  clear(root, h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'Katabox')), h('main', { class: 'staff' }, form));
  email.focus();
}
