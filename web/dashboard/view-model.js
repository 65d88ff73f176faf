// The scoring model in force, as a marketer reads it.
import { ApiError, get } from './api.js';
import { h } from './dom.js';
import { signed } from './format.js';
import { link } from './route.js';
import { badge, card, failure, table } from './ui.js';

/** The model's pages: the revision in force, and the revisions with their comparison and jobs. */
export function modelTabs(current) {
  const tab = (name, segments, text) => h('a', { href: link(segments), 'aria-current': name === current ? 'page' : null },
      text);
  return h('nav', { class: 'subtabs', 'aria-label': 'Model pages' }, tab('model', ['model'], 'In force'),
      tab('revisions', ['model', 'revisions'], 'Revisions'));
}

export async function modelView() {
  let model;
  try {
    model = await get('/v1/model');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [modelTabs('model'), h('header', { class: 'view-head' }, h('h1', {}, 'Scoring model')),
      card(null, failure(error, 'The model'))];
  }
  const thresholdList = (thresholds) => thresholds.map((t) => badge(`${t.name} ${t.points}`
      + (t.rearmBelow !== undefined && t.rearmBelow !== t.points ? ` (re-arms below ${t.rearmBelow})` : '')));
  return [
    modelTabs('model'),
    h('header', { class: 'view-head' },
        h('h1', {}, 'Scoring model ', h('a', { class: 'muted', title: 'The published revision',
          href: link(['model', 'revisions', String(model.version)]) }, `${model.id}@${model.version}`)),
        h('p', { class: 'muted small mono', title: 'SHA-256 of the model file in force' }, 'sha256 ' + model.sha256)),
    h('div', { class: 'columns' },
        card('Thresholds', h('div', { class: 'badges' }, thresholdList(model.thresholds)),
            model.decay ? h('p', {}, h('b', {}, 'Decay: '), model.decay) : null,
            model.coldAfter ? h('p', {}, h('b', {}, 'Cold: '), `after ${model.coldAfter} without a score increase`) : null),
        card('Groups', table([
          { title: 'Group', cell: (g) => h('div', { class: 'who' }, h('span', {}, g.name), h('span', { class: 'muted small' }, g.id)) },
          { title: 'Cap', numeric: true, optional: true, cell: (g) => g.cap ?? '—' },
          { title: 'Thresholds', cell: (g) => thresholdList(g.thresholds || []) },
        ], model.groups, { empty: 'No product groups: only the total is scored.' }))),
    card('Rules', table([
      { title: 'Rule', cell: (r) => h('div', { class: 'who' }, h('span', {}, r.description || r.id), h('span', { class: 'muted small' }, r.id)) },
      { title: 'Kind', cell: (r) => badge(r.kind.toLowerCase(), r.kind.toLowerCase()) },
      { title: 'On', optional: true, cell: (r) => r.event || 'profile' },
      { title: 'History', optional: true, cell: (r) => r.pattern || '—' },
      { title: 'Group', optional: true, cell: (r) => r.group || '—' },
      { title: 'Cap', optional: true, cell: (r) => r.cap || '—' },
      { title: 'Points', numeric: true, cell: (r) => h('b', { class: r.points < 0 ? 'neg' : '' }, signed(r.points)) },
    ], model.rules)),
  ];
}
