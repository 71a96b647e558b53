// The admin's panel of accounts: add an interviewer or admin, disable one (which signs them out).
import type { Account, StaffRole } from '../../../contract';
import { clear, h } from '../dom';
import { staffApi } from './api';

export function accountsPanel(me: Account): HTMLElement {
  const rows = h('tbody', {});
  const message = h('p', { role: 'status' });
  const section = h('section', { class: 'staff-section', 'aria-label': 'Accounts' }, h('h2', {}, 'Accounts'));

  async function refresh(): Promise<void> {
    const { accounts } = await staffApi.accounts();
    clear(
      rows,
      ...accounts.map((a) =>
        h(
          'tr',
          { 'data-email': a.email },
          h('td', {}, a.email),
          h('td', {}, a.role),
          h('td', {}, a.disabled ? 'disabled' : 'active'),
          h('td', {}, a.disabled || a.id === me.id ? '' : h('button', { onclick: () => void disable(a) }, 'Disable')),
        ),
      ),
    );
  }

  async function disable(account: Account): Promise<void> {
    if (!confirm(`Disable ${account.email}? Their sessions end at once; their assignments stay.`)) return;
    await staffApi.disableAccount(account.id).then(() => (message.textContent = `${account.email} is disabled.`), (err: Error) => (message.textContent = err.message));
    await refresh();
  }

  const email = h('input', { type: 'email', name: 'email', required: true });
  const role = h('select', { name: 'role' }, h('option', { value: 'interviewer' }, 'interviewer'), h('option', { value: 'admin' }, 'admin'));
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const form = h('form', { class: 'inline-form' }, h('label', {}, 'Email ', email), h('label', {}, 'Role ', role), h('label', {}, 'Initial password ', password), h('button', { type: 'submit' }, 'Add account'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    staffApi.addAccount({ email: email.value, role: role.value as StaffRole, password: password.value }).then(
      (added) => {
        message.textContent = `Added ${added.email}.`;
        form.reset();
        void refresh();
      },
      (err: Error) => (message.textContent = err.message),
    );
  });
  section.append(h('table', { class: 'staff-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'Status'), h('th', {}))), rows), form, message);
  void refresh();
  return section;
}
