// Leads ranked by score, with filters, segments and paging: the morning list, and a campaign's CSV.
import { ApiError, get, getCsv, modelInForce } from './api.js';
import { h } from './dom.js';
import { ago, leadName } from './format.js';
import { link } from './route.js';
import { actionButton, badge, card, failure, note, qualifiedBadges, saveFile, scoreBar, table } from './ui.js';

const PAGE_SIZE = 25;
/** The cursor of each page seen, per filter set, so that "Previous" goes back without the API keeping state. */
const cursors = new Map();
/** The lifecycle stages, in the funnel's order (the API's labels). */
const STAGES = ['lead', 'mql', 'sql', 'rejected', 'opportunity', 'won', 'lost', 'recycled'];
/** What "Download CSV" fetches at most: 100 pages of 100 leads; the command-line tool streams any number. */
const CSV_PAGES = 100;
const FILTERS = ['group', 'qualified', 'cold', 'accountId', 'minScore', 'maxScore', 'stage', 'grade', 'order'];

function filtersOf(params) {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
}

function select(name, label, value, options) {
  return h('label', {}, label, h('select', { name },
      options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text))));
}

/** Checkboxes for a comma list (stage=mql,sql): one per value, checked when the list holds it. */
function choices(name, legend, value, options) {
  const chosen = value ? value.split(',') : [];
  return h('fieldset', { class: 'choices' }, h('legend', {}, legend),
      options.map(([optionValue, text]) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', name, value: optionValue, checked: chosen.includes(optionValue) }), text)));
}

/** The form's filters as route parameters: checkboxes of one name as a comma list, empty controls left out. */
function formFilters(form) {
  const filters = {};
  for (const control of form.querySelectorAll('input, select')) {
    const name = control.getAttribute('name');
    if (control.getAttribute('type') === 'checkbox') {
      if (control.checked) filters[name] = filters[name] ? `${filters[name]},${control.value}` : control.value;
    } else if (name && control.value && control.value.trim()) {
      filters[name] = control.value.trim();
    }
  }
  return filters;
}

function filterForm(filters, model) {
  const groups = model ? model.groups.map((g) => [g.id, g.name]) : [];
  const thresholds = model ? model.thresholds.map((t) => [t.name, `${t.name} (${t.points})`]) : [];
  const grades = model && model.grades && Object.keys(model.grades).length
    ? [...Object.entries(model.grades).map(([letter, fit]) => [letter, `${letter} (fit ${fit}+)`]), ['F', 'F']] : [];
  const score = (name, placeholder, label, value) => h('input', { name, type: 'number', step: 1, value, placeholder,
    class: 'score-bound', 'aria-label': label });
  const form = h('form', { class: 'filters', role: 'search' },
      select('group', 'Group', filters.group, [['', 'All groups'], ...groups]),
      select('qualified', 'Qualified', filters.qualified, [['', 'Any threshold'], ...thresholds]),
      select('cold', 'Activity', filters.cold, [['', 'Active and cold'], ['false', 'Active'], ['true', 'Cold']]),
      h('label', {}, 'Account', h('input', { name: 'accountId', value: filters.accountId, placeholder: 'any account',
        autocomplete: 'off' })),
      h('label', {}, 'Score', h('span', { class: 'range' }, score('minScore', 'min', 'Lowest score', filters.minScore), '–',
          score('maxScore', 'max', 'Highest score', filters.maxScore))),
      select('order', 'Order', filters.order, [['', 'Highest first'], ['asc', 'Lowest first']]),
      choices('stage', 'Stage', filters.stage, STAGES.map((stage) => [stage, stage])),
      grades.length ? choices('grade', 'Grade', filters.grade, grades) : null,
      h('button', { type: 'submit' }, 'Apply'));
  const apply = (event) => {
    event.preventDefault();
    location.hash = link(['leads'], formFilters(form));
  };
  form.addEventListener('submit', apply);
  form.querySelectorAll('select').forEach((control) => control.addEventListener('change', apply));
  return form;
}

/** The whole list as filtered, as the API's CSV (page after page: one file), saved as leads.csv. */
function downloadButton(filters) {
  return h('div', { class: 'toolbar' },
      actionButton('Download CSV', async () => {
        const file = await getCsv('/v1/leads', filters, CSV_PAGES);
        saveFile(file.blob, file.complete ? 'leads.csv' : `leads-first-${CSV_PAGES * 100}.csv`);
      }, { kind: 'secondary', what: 'The download' }),
      h('span', { class: 'muted small' }, 'These leads as CSV, up to 10,000 (the command-line tool: any number).'));
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
      h('p', { class: 'muted' }, `Ranked by score, ${filters.order === 'asc' ? 'lowest' : 'highest'} first.`));
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
  return [heading, filterForm(filters, model), downloadButton(filters), card(null,
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
        { title: 'Stage', cell: (lead) => badge(lead.stage || 'lead', 'stage') },
        {
          title: 'Qualified', optional: true,
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
