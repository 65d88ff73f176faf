// Accounts: companies ranked by their members' combined score, and one account's buying committee.
import { ApiError, accountPath, get, modelInForce } from './api.js';
import { h } from './dom.js';
import { link } from './route.js';
import { badge, card, failure, note, qualifiedBadges, scoreBar, table } from './ui.js';
import { notifications } from './view-lead.js';

const PAGE_SIZE = 25;

export async function accountsView(route) {
  const heading = h('header', { class: 'view-head' }, h('h1', {}, 'Accounts'),
      h('p', { class: 'muted' }, 'Companies ranked by the score of their people together.'));
  let answer;
  try {
    answer = await get('/v1/accounts', { limit: PAGE_SIZE, cursor: route.params.get('cursor') });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [heading, card(null, failure(error, 'The ranked list of accounts'))];
  }
  const top = Math.max(1, ...answer.items.map((a) => a.score));
  const model = await modelInForce();
  return [heading, card(null, table([
    { title: 'Account', cell: (a) => h('div', { class: 'who' }, h('a', { href: link(['account', a.accountId]) }, a.accountId),
        a.domain ? h('span', { class: 'muted small' }, a.domain) : null) },
    { title: 'Score', cell: (a) => scoreBar(a.score, top) },
    { title: 'Members', numeric: true, cell: (a) => `${a.engagedMembers} / ${a.members}` },
    { title: 'Roles', optional: true, cell: (a) => (a.roles || []).map((role) => badge(role)) },
    { title: 'Stage', cell: (a) => qualifiedBadges(a.qualified, model) },
  ], answer.items, { empty: 'No account has formed yet: leads join one through an accountId or a company email domain.' }),
  answer.next ? h('nav', { class: 'pager' }, h('span'), h('span'),
      h('a', { href: link(['accounts'], { cursor: answer.next }) }, 'Next →')) : null)];
}

// The account's stage in the funnel (account, mqa, then its members' verdicts), and who last moved it and why.
function stageBadge(account) {
  if (!account.stage) return null;
  const last = (account.stageHistory || []).at(-1);
  return h('span', { class: 'badge stage', title: last ? `${last.who}: ${last.why}` : 'not qualified yet' },
      `stage ${account.stage}`);
}

export async function accountView(route) {
  const accountId = route.segments[1] || '';
  let account;
  try {
    account = await get(accountPath(accountId));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [h('header', { class: 'view-head' }, h('h1', {}, accountId)),
      error.status === 404 && !error.unavailable ? note(`No account "${accountId}".`, 'calm') : failure(error, 'This account')];
  }
  const coverage = account.coverage || {};
  const top = Math.max(1, ...(account.members || []).map((m) => m.score));
  return [
    h('header', { class: 'view-head' },
        h('p', { class: 'crumbs' }, h('a', { href: link(['accounts']) }, 'Accounts'), ' / ', account.accountId),
        h('h1', {}, account.accountId, ' ', h('span', { class: 'muted' }, account.domain || '')),
        h('div', { class: 'badges' }, stageBadge(account), (account.thresholds || []).map((t) => badge(`${t.name} ${t.points}: `
            + (t.qualified ? 'qualified' : t.reached ? 'reached' : 'not reached'), t.qualified ? 'ok' : '')))),
    h('div', { class: 'tiles' },
        h('div', { class: 'tile' }, h('span', { class: 'label' }, 'Score'), h('span', { class: 'value' }, account.score)),
        h('div', { class: 'tile' }, h('span', { class: 'label' }, 'Engaged members'),
            h('span', { class: 'value' }, coverage.engagedMembers ?? '—')),
        h('div', { class: 'tile' }, h('span', { class: 'label' }, 'Roles covered'),
            h('span', { class: 'value' }, `${(coverage.roles || []).length} / ${coverage.requiredRoles ?? '—'}`),
            h('span', { class: 'sub' }, coverage.met ? 'coverage met' : 'coverage not met yet'))),
    (account.groups || []).length ? h('div', { class: 'groups' }, account.groups.map((g) => h('div', { class: 'group' },
        h('span', { class: 'group-name' }, g.name || g.id), h('b', {}, g.score)))) : null,
    card('Members', table([
      { title: 'Lead', cell: (m) => h('a', { href: link(['lead', m.leadId]) }, m.leadId) },
      { title: 'Score', cell: (m) => scoreBar(m.score, top) },
      { title: 'Contribution', numeric: true, cell: (m) => m.contribution },
      { title: 'Role', optional: true, cell: (m) => m.role || '—' },
      { title: 'Engaged', cell: (m) => (m.engaged ? badge('engaged', 'ok') : badge('quiet')) },
      { title: 'Stage', cell: (m) => m.stage || '—' },
    ], account.members || [], { empty: 'No members.' })),
    card('Stage history', table([
      { title: 'When', cell: (c) => c.at },
      { title: 'Stage', cell: (c) => `${c.from} → ${c.to}` },
      { title: 'Who', cell: (c) => c.who },
      { title: 'Why', cell: (c) => c.why || '—' },
    ], [...(account.stageHistory || [])].reverse(), { empty: 'Still an account: not qualified, no verdict yet.' })),
    card('What sales was told', notifications(account.notifications)),
  ];
}
