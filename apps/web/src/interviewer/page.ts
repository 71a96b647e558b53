// The interviewer's area: signed in, or sent to the sign-in page. Admins also manage accounts.
import type { Session } from '../../../contract';
import { clear, h } from '../dom';
import { settingsButton } from '../settings/panel';
import { accountsPanel } from './accounts';
import { assignmentsPanel } from './assignments';
import { currentSession, staffApi } from './api';

export function staffTopbar(session: Session): HTMLElement {
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: '/interviewer' }, 'Katabox'),
    h('h1', {}, 'Interviews'),
    h('span', { class: 'spacer' }),
    h('span', { class: 'muted' }, `${session.account.email} (${session.account.role})`),
    settingsButton(),
    h('button', { onclick: () => void staffApi.logout().finally(() => location.assign('/login')) }, 'Sign out'),
  );
}

/** An interviewer's or admin's session, or a redirect: to sign in (and back here afterwards), or a learner to the katas. */
export async function requireSession(): Promise<Session | null> {
  const session = await currentSession();
  if (!session) location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
  else if (session.account.role === 'learner') location.assign('/');
  return session?.account.role === 'learner' ? null : session;
}

export async function showDashboard(root: HTMLElement): Promise<void> {
  const session = await requireSession();
  if (!session) return;
  document.title = 'Interviews — Katabox';
  clear(root, staffTopbar(session), h('main', { class: 'staff' }, assignmentsPanel(), session.account.role === 'admin' ? accountsPanel(session.account) : null));
}
