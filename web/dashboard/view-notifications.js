// The MQL feed: every announcement, newest first, and whether each sales destination got it.
import { ApiError, get } from './api.js';
import { h } from './dom.js';
import { ago, plural, when } from './format.js';
import { link } from './route.js';
import { badge, card, deliveryStatus, failure, table } from './ui.js';

export async function notificationsView(route) {
  const heading = h('header', { class: 'view-head' }, h('h1', {}, 'MQL notifications'),
      h('p', { class: 'muted' }, 'Qualifications announced to sales, newest first, with their delivery.'));
  let answer;
  try {
    answer = await get('/v1/notifications', { limit: 50, cursor: route.params.get('cursor') });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [heading, card(null, failure(error, 'The notifications feed'))];
  }
  const who = (n) => (n.accountId ? h('a', { href: link(['account', n.accountId]) }, 'account ' + n.accountId)
    : h('a', { href: link(['lead', n.leadId]) }, n.leadId));
  const threshold = (n) => {
    const d = n.detail || {};
    const line = d.threshold ? `${d.groupName ? d.groupName + ' ' : ''}${d.threshold.name} ${d.threshold.points}` : '';
    return [line, d.score !== undefined ? h('span', { class: 'muted' }, ` · score ${d.score}`) : null];
  };
  return [heading, card(null, table([
    { title: 'When', cell: (n) => h('span', { title: when(n.createdAt) }, ago(n.createdAt)) },
    { title: 'What', cell: (n) => badge(n.detailType, n.detailType) },
    { title: 'Who', cell: who },
    { title: 'Threshold', optional: true, cell: threshold },
    { title: 'Delivery', cell: (n) => [
      n.publishedAt ? null : badge('not published yet', 'warn'),
      (n.deliveries || []).map((d) => h('span', { class: 'delivery' }, d.destinationId, ' ', deliveryStatus(d.status),
          d.attempts > 1 ? h('span', { class: 'muted small' }, ` ${plural(d.attempts, 'attempt')}`) : null)),
      n.publishedAt && !(n.deliveries || []).length ? h('span', { class: 'muted small' }, 'no destination') : null,
    ] },
  ], answer.items, { empty: 'No lead has qualified yet.' }),
  answer.next ? h('nav', { class: 'pager' }, h('span'), h('span'),
      h('a', { href: link(['notifications'], { cursor: answer.next }) }, 'Older →')) : null)];
}
