// Leads ranked by score, with filters and paging: the morning list.
import { ApiError, get, modelInForce } from './api.js';
import { h } from './dom.js';
import { ago, leadName } from './format.js';
import { link } from './route.js';
import { badge, card, failure, note, qualifiedBadges, scoreBar, table } from './ui.js';

const PAGE_SIZE = 25;
/** The cursor of each page seen, per filter set, so that "Previous" goes back without the API keeping state. */
const cursors = new Map();

function filtersOf(params) {
  return {
    group: params.get('group') || '',
    qualified: params.get('qualified') || '',
    cold: params.get('cold') || '',
    accountId: params.get('accountId') || '',
  };
}

function select(name, label, value, options) {
  return h('label', {}, label, h('select', { name },
      options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text))));
}

function filterForm(filters, model) {
  const groups = model ? model.groups.map((g) => [g.id, g.name]) : [];
  const thresholds = model ? model.thresholds.map((t) => [t.name, `${t.name} (${t.points})`]) : [];
  const form = h('form', { class: 'filters', role: 'search' },
      select('group', 'Group', filters.group, [['', 'All groups'], ...groups]),
      select('qualified', 'Qualified', filters.qualified, [['', 'Any stage'], ...thresholds]),
      select('cold', 'Activity', filters.cold, [['', 'Active and cold'], ['false', 'Active'], ['true', 'Cold']]),
      h('label', {}, 'Account', h('input', { name: 'accountId', value: filters.accountId, placeholder: 'any account',
        autocomplete: 'off' })),
      h('button', { type: 'submit' }, 'Apply'));
  const apply = (event) => {
    event.preventDefault();
    location.hash = link(['leads'], Object.fromEntries(new FormData(form)));
  };
  form.addEventListener('submit', apply);
  form.querySelectorAll('select').forEach((control) => control.addEventListener('change', apply));
  return form;
}

/** Open a lead by id: the way in while the ranked list is not deployed, and a shortcut after. */
export function lookupForm(className = 'lookup') {
  const input = h('input', { name: 'leadId', placeholder: 'Lead id, e.g. dana', 'aria-label': 'Lead id',
    autocomplete: 'off', required: true });
  return h('form', {
    class: className, role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      if (input.value.trim()) location.hash = link(['lead', input.value.trim()]);
    },
  }, input, h('button', { type: 'submit' }, 'Open lead'));
}

/** Previous and next: the cursors of pages seen are kept here, so that going back needs no state in the API. */
function pager(filters, page, cursor, next) {
  const key = JSON.stringify(filters);
  const seen = cursors.get(key) || [];
  seen[page] = cursor;
  if (next) seen[page + 1] = next;
  cursors.set(key, seen);
  const back = page - 1;
  // A page opened from a bookmark does not know the cursor before it: it offers the first page instead.
  const previous = back < 1 ? null : back > 1 && seen[back]
    ? h('a', { href: link(['leads'], { ...filters, p: back, cursor: seen[back] }) }, '← Previous')
    : h('a', { href: link(['leads'], filters) }, back > 1 ? '← First page' : '← Previous');
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
      previous || h('span'),
      h('span', { class: 'muted' }, `Page ${page}`),
      next ? h('a', { href: link(['leads'], { ...filters, p: page + 1, cursor: next }) }, 'Next →') : h('span'));
}

export async function leadsView(route) {
  const filters = filtersOf(route.params);
  const page = Math.max(1, Number(route.params.get('p')) || 1);
  const model = await modelInForce();
  const heading = h('header', { class: 'view-head' }, h('h1', {}, 'Leads'),
      h('p', { class: 'muted' }, 'Ranked by score, highest first.'));
  let answer;
  try {
    answer = await get('/v1/leads', { ...filters, limit: PAGE_SIZE, cursor: route.params.get('cursor') });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [heading, card(null, failure(error, 'The ranked list of leads'),
        h('p', {}, 'A lead can still be opened by its id:'), lookupForm('lookup wide'))];
  }
  const top = Math.max(1, ...answer.items.map((lead) => lead.score),
      ...(model ? model.thresholds.map((t) => t.points) : []));
  const rows = answer.items.map((lead, i) => ({ ...lead, rank: (page - 1) * PAGE_SIZE + i + 1 }));
  const groupName = (id) => (model && model.groups.find((g) => g.id === id) || { name: id }).name;
  return [heading, filterForm(filters, model), card(null,
      table([
        { title: '#', numeric: true, optional: true, cell: (lead) => lead.rank },
        {
          title: 'Lead',
          cell: (lead) => h('div', { class: 'who' },
              h('a', { href: link(['lead', lead.leadId]) }, leadName(lead)),
              h('span', { class: 'muted small' }, lead.email && leadName(lead) !== lead.email ? lead.email : lead.leadId)),
        },
        { title: 'Score', cell: (lead) => scoreBar(lead.score, top) },
        { title: 'Fit', numeric: true, optional: true, cell: (lead) => lead.fit },
        { title: 'Grade', optional: true, cell: (lead) => lead.grade ?? '' },
        { title: 'Engagement', numeric: true, optional: true, cell: (lead) => lead.engagement },
        {
          title: filters.group ? groupName(filters.group) : 'Groups', optional: !filters.group,
          cell: (lead) => (filters.group ? String((lead.groups || {})[filters.group] ?? 0)
              : Object.entries(lead.groups || {}).map(([id, points]) => badge(`${groupName(id)} ${points}`))),
        },
        {
          title: 'Stage',
          cell: (lead) => [qualifiedBadges(lead.qualified, model), lead.cold ? badge('cold', 'cold') : null],
        },
        {
          title: 'Account', optional: true,
          cell: (lead) => (lead.accountId ? h('a', { href: link(['account', lead.accountId]), class: 'nowrap' }, lead.accountId) : '—'),
        },
        { title: 'Last activity', optional: true, cell: (lead) => ago(lead.lastActivityAt) },
      ], rows, { empty: 'No lead matches these filters.' }),
      pager(filters, page, route.params.get('cursor'), answer.next)),
  !answer.items.length && page === 1 && !Object.values(filters).some(Boolean)
    ? note('No lead has been scored yet. Seed demo data with the DemoData command (see the README).', 'calm')
    : null];
}
