import { api, setCsrfToken } from './api.js';
import { disposeCharts } from './charts.js';
import { h, mount } from './dom.js';
import { addStrings, getLocale, setLocale, t } from './i18n.js';
import { logIn } from './login.js';
import { dashboardPage } from './pages/dashboard.js';
import { editCustomerPage, editVisitPage, newCustomerPage, newVisitPage, recordsPage, newDealPage } from './pages/records.js';
import { teamPage } from './pages/team.js';

addStrings({ 'nav.orgTargets': { zh: '目标拆分', en: 'Targets' } });

/** HR and admin pages load on first visit: a rep's first page does not download them. */
const lazy = (load, name) => async (...args) => (await load())[name](...args);
const assessments = () => import('./pages/assessments.js');
const admin = () => import('./pages/admin.js');
const adminOps = () => import('./pages/admin-ops.js');
const adminSettings = () => import('./pages/admin-settings.js');

/**
 * Pages by hash path (deep links from cards: #/records?tab=visits, carrying ids, never tokens).
 * `nav` pages get a tab; `roles` limits who sees the tab (the API enforces the same on its side).
 * 考核: HR decides, handles appeals and reads the audit log; a manager reviews their departments'. 管理: admins.
 */
const ROUTES = [
  // HR lands here (the first tab a person may see is their landing page).
  { path: '/approvals', nav: 'nav.approvals', roles: ['hr'], page: lazy(() => import('./pages/approvals.js'), 'approvalsPage') },
  { path: '/dashboard', nav: 'nav.dashboard', page: dashboardPage },
  { path: '/records', nav: 'nav.records', page: recordsPage },
  { path: '/records/new-visit', page: newVisitPage },
  { path: '/records/edit-visit', page: editVisitPage },
  { path: '/records/new-customer', page: newCustomerPage },
  { path: '/records/new-deal', page: newDealPage },
  { path: '/records/edit-customer', page: editCustomerPage },
  { path: '/team', nav: 'nav.team', roles: ['manager', 'hr', 'admin'], page: teamPage },
  { path: '/assessments', nav: 'nav.assessments', roles: ['manager', 'hr', 'admin'], page: lazy(assessments, 'assessmentsPage') },
  { path: '/assessments/detail', roles: ['manager', 'hr', 'admin'], page: lazy(assessments, 'assessmentDetailPage') },
  { path: '/assessments/appeals', roles: ['manager', 'hr', 'admin'], page: lazy(() => import('./pages/appeals.js'), 'appealsPage') },
  { path: '/calibration', roles: ['hr', 'admin'], page: lazy(() => import('./pages/calibration.js'), 'calibrationPage') },
  { path: '/assessments/audit', roles: ['hr', 'admin'], page: lazy(() => import('./pages/audit.js'), 'auditPage') },
  { path: '/finance', nav: 'nav.finance', roles: ['finance', 'admin'], page: lazy(() => import('./pages/finance.js'), 'financePage') },
  { path: '/admin', nav: 'nav.admin', roles: ['admin'], page: lazy(admin, 'adminPage') },
  { path: '/admin/template', roles: ['admin'], page: lazy(admin, 'templatePage') },
  { path: '/admin/targets', roles: ['admin'], page: lazy(adminOps, 'targetsPage') },
  { path: '/targets/departments', nav: 'nav.orgTargets', roles: ['admin', 'manager'], page: lazy(() => import('./pages/org-targets.js'), 'orgTargetsPage') },
  { path: '/admin/ops', roles: ['admin'], page: lazy(adminOps, 'opsPage') },
  { path: '/admin/channels', roles: ['admin'], page: lazy(adminSettings, 'salesChannelsPage') },
  { path: '/admin/org-import', roles: ['admin'], page: lazy(adminSettings, 'orgImportPage') },
  { path: '/admin/alert-rules', roles: ['admin'], page: lazy(adminSettings, 'alertRulesPage') },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let me = null;

const allowed = (route) => !route.roles || route.roles.some((r) => me.user.roles.includes(r));

function currentRoute() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const route = ROUTES.find((r) => r.path === path && allowed(r)) ?? ROUTES.find((r) => r.nav && allowed(r));
  return { route, params: new URLSearchParams(query) };
}

function renderChrome() {
  setLocale(getLocale());
  document.title = t('appTitle');
  document.getElementById('app-title').textContent = t('appTitle');
  document.getElementById('lang').textContent = t('langToggle');
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !me;
  document.getElementById('who').textContent = me ? me.user.name : '';
  if (!me) return;
  const { route } = currentRoute();
  nav.hidden = false;
  mount(nav, ROUTES.filter((r) => r.nav && allowed(r)).map((r) => h('a', { href: `#${r.path}`, class: route.path.startsWith(r.path) ? 'active' : '' }, t(r.nav))));
}

/**
 * Each render draws into its own view: when the hash changes again before a page has loaded (a period
 * picked while the first list is still on its way), the older render finishes into a view that is no
 * longer on the page instead of overwriting the newer one.
 */
async function render() {
  if (!me) return;
  renderChrome();
  disposeCharts();
  const { route, params } = currentRoute();
  const view = h('div');
  mount(main, view);
  mount(view, h('p', { class: 'muted' }, t('loading')));
  try {
    await route.page(view, params);
  } catch (error) {
    if (error.status === 401) return start();
    mount(view, h('div', { class: 'card' }, h('p', { class: 'error' }, t('error.generic', { message: error.message }))));
  }
}

async function start() {
  me = null;
  renderChrome();
  try {
    me = await api('/me');
  } catch (error) {
    if (error.status !== 401) throw error;
    await logIn(main);
    me = await api('/me');
  }
  setCsrfToken(me.csrfToken);
  await render();
}

window.addEventListener('hashchange', render);
document.getElementById('lang').addEventListener('click', () => {
  setLocale(getLocale() === 'zh' ? 'en' : 'zh');
  if (me) render();
  else start();
});
document.getElementById('logout').addEventListener('click', async () => {
  await api('/logout', { method: 'POST' }).catch(() => {});
  location.hash = '';
  start();
});

start().catch((error) => mount(main, h('div', { class: 'card' }, h('p', { class: 'error' }, t('error.generic', { message: error.message })))));
