// Who is signed in, in the page's top bar: "Sign in" and "Sign up" for a learner without an
// account, or the account's email and "Sign out". Signing in changes whose drafts and history the
// page shows, so it reloads; what moved over from this browser is said once the page is back.
import type { MovedWork, Session } from '../../../contract';
import { accountApi, currentSession } from '../api';
import { clear, h } from '../dom';
import { openAccountForm } from './form';

const NOTICE_KEY = 'katabox.account-notice';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a sign-in or sign-up did to the work this browser had, in a sentence or two. */
export function movedNotice(moved: MovedWork | undefined): string {
  if (!moved || (moved.drafts === 0 && moved.submissions === 0)) return '';
  const both = moved.combined.length
    ? ` ${moved.combined.join(', ')} had a draft here and in your account: the newer one is kept, and the older one follows it in the editor as a comment.`
    : '';
  return `${plural(moved.drafts, 'draft')} and ${plural(moved.submissions, 'submission')} from this browser are now in your account.${both}`;
}

function signedIn(session: Session): void {
  sessionStorage.setItem(NOTICE_KEY, movedNotice(session.moved));
  location.reload();
}

/** The top bar's account corner; it fills itself in once the server says who is signed in. */
export function accountMenu(): HTMLElement {
  const menu = h('div', { class: 'account-menu' });
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  const status = h('p', { class: 'account-notice', role: 'status' }, notice || null);
  const show = (session: Session | null) => {
    if (!session) {
      clear(
        menu,
        h('button', { type: 'button', onclick: () => openAccountForm('signin', signedIn) }, 'Sign in'),
        h('button', { type: 'button', onclick: () => openAccountForm('signup', signedIn) }, 'Sign up'),
      );
    } else {
      clear(
        menu,
        h('span', { class: 'account-who' }, 'Signed in as ', h('strong', {}, session.account.email)),
        session.account.role !== 'learner' && h('a', { href: '/interviewer' }, 'Interviewer pages'),
        h('button', { type: 'button', onclick: () => void accountApi.logout().finally(() => location.reload()) }, 'Sign out'),
      );
    }
    if (notice) menu.append(status);
  };
  currentSession().then(show, () => show(null));
  return menu;
}
