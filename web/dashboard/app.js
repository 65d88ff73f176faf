// The dashboard: a hash router over the views. Each view is an async function of the route that returns what
// to show; a view that answers late (the reader moved on) is dropped.
import { signOut } from './aws-sign-in.js';
import config from './config.js';
import { h, show } from './dom.js';
import { current, link, takeKey } from './route.js';
import { failure, note } from './ui.js';
import { accountView, accountsView } from './view-accounts.js';
import { apiView } from './view-api.js';
import { jobView } from './view-job.js';
import { leadView } from './view-lead.js';
import { leadsView, lookupForm } from './view-leads.js';
import { modelView } from './view-model.js';
import { notificationsView } from './view-notifications.js';
import { reportsView } from './view-reports.js';
import { revisionView, revisionsView } from './view-revisions.js';

const VIEWS = {
  leads: leadsView,
  lead: leadView,
  accounts: accountsView,
  account: accountView,
  notifications: notificationsView,
  // #/model, #/model/revisions (?from=&to=), #/model/revisions/<n>
  model: (route) => (route.segments[1] !== 'revisions' ? modelView(route)
    : route.segments[2] ? revisionView(route) : revisionsView(route)),
  job: jobView,
  reports: reportsView,
  api: apiView,
};
/** Which tab a view belongs to. */
const TABS = { leads: 'leads', lead: 'leads', accounts: 'accounts', account: 'accounts', notifications: 'notifications',
  model: 'model', job: 'model', reports: 'reports', api: 'api' };

let shown = 0;

async function render() {
  takeKey();
  const route = current();
  const name = route.segments[0] || 'leads';
  const main = document.getElementById('view');
  document.querySelectorAll('nav.tabs a').forEach((tab) => {
    if (tab.dataset.tab === TABS[name]) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  });
  const view = VIEWS[name];
  if (!view) {
    show(main, note('There is no such page.', 'calm'), h('a', { href: link(['leads']) }, 'Back to the leads'));
    return;
  }
  const mine = ++shown;
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await view(route);
  } catch (error) {
    content = failure(error, 'This page');
  }
  if (mine !== shown) return;
  main.removeAttribute('aria-busy');
  show(main, content);
  document.title = `${main.querySelector('h1')?.textContent || 'Dashboard'} · leadscore`;
}

document.getElementById('lookup').replaceWith(lookupForm('lookup'));
if (config.signIn === 'cognito') {
  document.querySelector('header.top').append(h('button', { type: 'button', onclick: signOut }, 'Sign out'));
}
window.addEventListener('hashchange', render);
render();
