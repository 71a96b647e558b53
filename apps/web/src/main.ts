// Picks the page for the URL. The kata page, and Monaco with it, loads only when a kata is opened.
import './styles.css';
import './settings/theme';
import { showCatalog } from './catalog/page';

const root = document.getElementById('app')!;
const kata = /^\/katas\/([a-z0-9-]+)\/?$/.exec(location.pathname);
if (kata) {
  // Monaco starts downloading now, alongside the page code, not after it.
  const monaco = import('./kata/monaco');
  void import('./kata/page').then((page) => page.showKataPage(root, kata[1]!, monaco));
} else if (/^\/a\/[A-Za-z0-9_-]{43}$/.test(location.pathname)) {
  const monaco = import('./kata/monaco');
  void import('./take/page').then((page) => page.showTakePage(root, location.pathname.slice(3), monaco));
} else if (/^\/interviewer\/assignments\/[A-Za-z0-9_-]{16}$/.test(location.pathname)) {
  const monaco = import('./kata/monaco');
  void import('./interviewer/review').then((page) => page.showReview(root, location.pathname.split('/')[3]!, monaco));
} else if (location.pathname === '/login') {
  void import('./interviewer/login').then((page) => page.showLogin(root));
} else if (location.pathname === '/interviewer') {
  void import('./interviewer/page').then((page) => page.showDashboard(root));
} else {
  void showCatalog(root);
}
