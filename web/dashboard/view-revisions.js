// Model -> Revisions: the model's revisions (who, when, why, which is published, when the next review is due), and
// the marketers' spreadsheet: one row per setting, one column per revision, the changed cells highlighted, with the
// notes. And one revision alone, with its notes by setting and its YAML.
import { ApiError, get, getFile, modelId, modelPath, revisionPath } from './api.js';
import { h } from './dom.js';
import { ago, author, plural, when } from './format.js';
import { rememberedJobs, revisionActions } from './model-actions.js';
import { link } from './route.js';
import { actionButton, badge, card, failure, note, saveFile, table, tile } from './ui.js';
import { modelTabs } from './view-model.js';

/** Side by side, more columns than this are no longer readable (the API's limit too). */
export const MAX_COLUMNS = 20;

const SECTIONS = {
  rule: 'Behaviour rules', fit: 'Fit rules', competitors: 'Competitors', grades: 'Fit grades', threshold: 'Thresholds', group: 'Groups',
  market: 'Markets', decay: 'Decay', cold: 'Cold', account: 'Accounts',
};

function heading(...crumbs) {
  return h('p', { class: 'crumbs' }, h('a', { href: link(['model']) }, 'Model'), crumbs.map((crumb) => [' / ', crumb]));
}

/** When the model is next due for review, and whether that is past. */
function reviewTile(listing) {
  if (!listing.nextReviewAt) return tile('Next review', '—', 'set by the first publish');
  return tile('Next review', when(listing.nextReviewAt), listing.reviewOverdue
    ? [badge('overdue', 'bad'), ' due ', ago(listing.nextReviewAt)] : ago(listing.nextReviewAt), 'small-value');
}

function revisionLink(number) {
  return h('a', { href: link(['model', 'revisions', String(number)]) }, 'r' + number);
}

/** The revisions, newest first, with what can be done to each. */
function revisionsTable(model, listing, panel) {
  const rows = listing.revisions.slice().reverse();
  return table([
    { title: 'Revision', cell: (r) => h('div', { class: 'who' }, h('b', {}, revisionLink(r.number)),
        r.published ? badge('published', 'ok') : null) },
    { title: 'Author', optional: true, cell: (r) => h('span', { title: r.author }, author(r.author)) },
    { title: 'Created', optional: true, cell: (r) => h('span', { title: when(r.createdAt) }, ago(r.createdAt)) },
    { title: 'Notes', cell: (r) => [r.notes || h('span', { class: 'muted' }, 'no notes'),
      r.basedOn ? h('span', { class: 'muted small block' }, 'copied from ', revisionLink(r.basedOn)) : null] },
    { title: 'Actions', cell: (r) => revisionActions(model, r.number, listing.published, panel) },
  ], rows, { empty: 'The model has no revision yet.' });
}

/** A revision number from the route (a number, or "published"), if it is one of `numbers`. */
function pick(value, numbers, published) {
  const n = value === 'published' ? published : Number(value);
  return numbers.includes(n) ? n : null;
}

/**
 * The range to compare: the route's, else all revisions; at most MAX_COLUMNS of them, the latest of a wider range
 * (a range may read from a later revision to an earlier one).
 */
export function range(params, numbers, published) {
  const to = pick(params.get('to'), numbers, published) ?? Math.max(...numbers);
  const from = pick(params.get('from'), numbers, published) ?? Math.min(...numbers);
  if (Math.abs(to - from) < MAX_COLUMNS) return { from, to };
  return to > from ? { from: to - MAX_COLUMNS + 1, to } : { from, to: from - MAX_COLUMNS + 1 };
}

function rangeForm(numbers, chosen) {
  const select = (name, label, value) => h('label', {}, label, h('select', { name },
      numbers.map((n) => h('option', { value: n, selected: n === value }, 'r' + n))));
  const form = h('form', {
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      const from = Number(form.querySelector('select[name=from]').value);
      const to = Number(form.querySelector('select[name=to]').value);
      location.hash = link(['model', 'revisions'], { from: Math.min(from, to), to: Math.max(from, to) });
    },
  }, select('from', 'From', chosen.from), select('to', 'To', chosen.to), h('button', { type: 'submit' }, 'Compare'));
  return form;
}

/** A cell of the spreadsheet: the value, marked when it differs from the column before, and the note on it. */
function cell(c) {
  const removed = c.value === null || c.value === undefined;
  const classes = ['cell', c.changed ? 'changed' : null, removed ? (c.changed ? 'removed' : 'absent') : null];
  return h('td', { class: classes.filter(Boolean).join(' '), 'data-revision': c.revision },
      c.changed ? h('span', { class: 'sr-only' }, 'changed: ') : null,
      removed ? h('span', { class: 'muted' }, c.changed ? 'removed' : '—') : c.value,
      c.note ? h('span', { class: 'cell-note' }, h('span', { class: 'sr-only' }, 'note: '), c.note) : null);
}

/**
 * The comparison as a table: a row per setting under its section's heading, a column per revision (its author, time
 * and notes first, from `revisions`, the list's lines by number). Rows where nothing changes are marked `same`,
 * so that "only changes" can hide them.
 */
export function comparisonTable(comparison, revisions = new Map()) {
  const columns = comparison.revisions;
  const about = (title, value) => h('tr', { class: 'about' }, h('th', { scope: 'row' }, title),
      columns.map((n) => h('td', { 'data-revision': n }, value(revisions.get(n) || {}))));
  const sections = Object.keys(SECTIONS).filter((section) => comparison.rows.some((row) => row.section === section))
      .concat([...new Set(comparison.rows.map((row) => row.section))].filter((section) => !(section in SECTIONS)));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'comparison' },
      h('caption', { class: 'sr-only' }, `Model ${comparison.modelId}, revisions ${columns.join(', ')}: one row per`
          + ' setting, changed cells marked'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Setting'), columns.map((n) => h('th', {
        scope: 'col', 'data-revision': n }, revisionLink(n), revisions.get(n)?.published ? badge('published', 'ok') : null)))),
      h('tbody', { class: 'about' },
          about('Author', (r) => h('span', { title: r.author || '' }, author(r.author))),
          about('Created', (r) => (r.createdAt ? h('span', { title: when(r.createdAt) }, ago(r.createdAt)) : '—')),
          about('Notes', (r) => r.notes || h('span', { class: 'muted' }, '—'))),
      sections.map((section) => h('tbody', { 'data-section': section },
          h('tr', { class: 'section' }, h('th', { scope: 'colgroup', colspan: columns.length + 1 },
              SECTIONS[section] || section)),
          comparison.rows.filter((row) => row.section === section).map((row) => h('tr', {
            'data-key': row.key, class: row.cells.some((c) => c.changed) ? 'differs' : 'same' },
          h('th', { scope: 'row' }, h('div', { class: 'who' }, h('span', {}, row.label || row.key),
              h('span', { class: 'muted small' }, row.key))),
          row.cells.map(cell)))))));
}

/** The comparison card: the range, the table, "only changes" and the CSV the API makes of it. */
function comparisonCard(model, comparison, listing, chosen) {
  const byNumber = new Map(listing.revisions.map((r) => [r.number, r]));
  const spreadsheet = comparisonTable(comparison, byNumber);
  const onlyChanges = h('input', { type: 'checkbox', name: 'only-changes', onchange: () =>
    spreadsheet.querySelector('table').classList.toggle('only-changes', onlyChanges.checked) });
  const changedRows = comparison.rows.filter((row) => row.cells.some((c) => c.changed)).length;
  const download = actionButton('Download CSV', async () => {
    const file = await getFile(modelPath(model) + '/compare', { from: chosen.from, to: chosen.to, format: 'csv' },
        'text/csv', `${model}-r${chosen.from}-r${chosen.to}.csv`);
    saveFile(file.blob, file.name);
  }, { kind: 'secondary', what: 'The download' });
  return card('Side by side',
      h('div', { class: 'toolbar' }, rangeForm(listing.revisions.map((r) => r.number), chosen),
          h('label', { class: 'check' }, onlyChanges, 'Only settings that change'), download),
      h('p', { class: 'muted small' }, `${columns(comparison)} · ${plural(comparison.rows.length, 'setting')}, of which`
          + ` ${changedRows} ${changedRows === 1 ? 'changes' : 'change'} (highlighted).`),
      spreadsheet);
}

function columns(comparison) {
  const numbers = comparison.revisions;
  return numbers.length === 1 ? `revision ${numbers[0]}` : `revisions ${numbers[0]} to ${numbers[numbers.length - 1]}`;
}

function jobsCard() {
  const jobs = rememberedJobs();
  if (!jobs.length) return null;
  return card('Jobs started from this tab', h('ul', { class: 'jobs' }, jobs.map((job) => h('li', {},
      h('a', { href: link(['job', job.jobId]) }, job.type === 'rescore' ? 'Publish' : 'Backtest', ` of r${job.revision}`),
      h('span', { class: 'muted small' }, ` ${ago(job.startedAt)} · ${job.jobId}`)))));
}

export async function revisionsView(route) {
  const model = await modelId();
  const head = h('header', { class: 'view-head' }, heading('Revisions'),
      h('h1', {}, 'Revisions ', h('span', { class: 'muted' }, model)));
  let listing;
  try {
    listing = await get(modelPath(model) + '/revisions');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [modelTabs('revisions'), head, card(null, failure(error, 'The revisions'))];
  }
  const numbers = listing.revisions.map((r) => r.number);
  const panel = h('div', { class: 'action-panel', hidden: true });
  let comparison;
  if (numbers.length) {
    const chosen = range(route.params, numbers, listing.published);
    try {
      comparison = comparisonCard(model, await get(modelPath(model) + '/compare', chosen), listing, chosen);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      comparison = card('Side by side', failure(error, 'The comparison'));
    }
  }
  return [
    modelTabs('revisions'),
    head,
    h('div', { class: 'tiles three' },
        tile('Published', listing.published ? revisionLink(listing.published) : '—', listing.publishedAt
          ? ago(listing.publishedAt) + (listing.publishedBy ? ` by ${author(listing.publishedBy)}` : '') : null),
        tile('Revisions', numbers.length, listing.firstPublishedAt ? 'first published ' + when(listing.firstPublishedAt)
          : null),
        reviewTile(listing)),
    listing.reviewOverdue ? note(`The model was due for review ${ago(listing.nextReviewAt)}: compare the revisions`
        + ' with what sales accepted, draft a new one and publish it.', 'bad') : null,
    card('Revisions', revisionsTable(model, listing, panel), panel),
    jobsCard(),
    comparison,
  ];
}

/** One revision: who made it and why, its notes by setting, and its YAML. */
export async function revisionView(route) {
  const model = await modelId();
  const number = route.segments[2];
  let revision;
  try {
    revision = await get(revisionPath(model, number));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [modelTabs('revisions'), h('header', { class: 'view-head' }, heading(h('a', {
      href: link(['model', 'revisions']) }, 'Revisions'), 'r' + number), h('h1', {}, 'Revision ' + number)),
    error.code === 'revision_not_found' ? note(error.message, 'calm') : failure(error, 'This revision')];
  }
  let published = revision.published ? revision.number : null;
  if (published === null) {
    published = await get(modelPath(model) + '/revisions').then((listing) => listing.published, () => null);
  }
  const panel = h('div', { class: 'action-panel', hidden: true });
  const other = revision.published ? revision.number - 1 : published;
  const notes = Object.entries(revision.ruleNotes || {});
  return [
    modelTabs('revisions'),
    h('header', { class: 'view-head' },
        heading(h('a', { href: link(['model', 'revisions']) }, 'Revisions'), 'r' + revision.number),
        h('h1', {}, `Revision ${revision.number}`, revision.published ? badge('published', 'ok') : null),
        h('p', { class: 'muted' }, `by ${author(revision.author)}, ${when(revision.createdAt)}`,
            revision.basedOn ? [', copied from ', revisionLink(revision.basedOn)] : null)),
    card(null,
        h('p', { class: 'revision-notes' }, revision.notes || h('span', { class: 'muted' }, 'No notes on this revision.')),
        h('div', { class: 'toolbar' },
            published !== null ? revisionActions(model, revision.number, published, panel) : null,
            other >= 1 ? h('a', { class: 'button-link', href: link(['model', 'revisions'], {
              from: Math.min(other, revision.number), to: Math.max(other, revision.number) }) },
            `Compare with r${other}`) : null,
            actionButton('Download YAML', async () => saveFile(new Blob([revision.yaml], { type: 'application/yaml' }),
                `${model}-r${revision.number}.yaml`), { kind: 'secondary', what: 'The download' })),
        panel,
        h('p', { class: 'muted small mono', title: 'SHA-256 of the YAML' }, 'sha256 ' + revision.sha256)),
    notes.length ? card('Notes by setting', table([
      { title: 'Setting', cell: ([key]) => h('span', { class: 'mono' }, key) },
      { title: 'Note', cell: ([, text]) => text },
    ], notes)) : null,
    card('YAML', h('pre', { class: 'yaml', tabindex: 0, 'aria-label': `The YAML of revision ${revision.number}` },
        h('code', {}, revision.yaml))),
  ];
}
