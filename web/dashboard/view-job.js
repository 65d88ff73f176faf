// A job of the admin API (#/job/<id>): a backtest or the re-score a publish starts. Its progress while it runs
// (followed every few seconds while the page shows it), then what it found: a backtest's report, side by side with
// the published revision, or what the re-score changed.
import { ApiError, forgetModelInForce, get, jobPath } from './api.js';
import { h } from './dom.js';
import { chartBox, comparisonChart, seriesLegend } from './chart.js';
import { ago, plural, signed, when } from './format.js';
import { link } from './route.js';
import { actionButton, badge, card, failure, note, saveFile, table, tile } from './ui.js';
import { modelTabs } from './view-model.js';

/** How often a running job is asked again. */
export const FOLLOW_EVERY_MS = 2000;
const FINISHED = new Set(['done', 'failed']);
/** What a status means, where its name does not say it all; and its badge's colour. */
const STATUS_NOTES = {
  queued: 'The job is queued: its segments are on their way to the workers.',
  waiting: 'Waiting until no scoring batch still runs under the old revision, before the first write.',
  failed: 'The job failed.',
};
const STATUS_KIND = { waiting: 'warn', running: 'warn', done: 'ok', failed: 'bad' };

function what(job) {
  return job.type === 'rescore' ? `Publish of revision ${job.revision}` : `Backtest of revision ${job.revision}`;
}

function count(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString();
}

/** The job's progress: leads done of all once the segments have counted them, else segments done of all. */
function progress(job) {
  const segments = job.segments || {};
  const leads = job.leads || {};
  const counted = leads.total !== null && leads.total !== undefined;
  const bar = counted
    ? h('progress', { max: leads.total || 1, value: Math.min(leads.done || 0, leads.total), 'aria-label': 'Leads done' })
    : h('progress', { max: segments.total || 1, value: segments.done || 0, 'aria-label': 'Segments done' });
  return [
    h('div', { class: 'progress' }, bar,
        h('p', { role: 'status' }, `${count(segments.done)} of ${plural(segments.total ?? 0, 'segment')} done`,
            ` · ${plural(leads.done ?? 0, 'lead')}${counted ? ` of ${count(leads.total)}` : ''} `
            + `${job.type === 'rescore' ? 're-scored' : 'replayed'}`)),
    h('div', { class: 'tiles four' },
        tile('Leads done', count(leads.done), counted ? `of ${count(leads.total)}` : null),
        tile('Changed', count(leads.changed), job.type === 'rescore' ? 'a model-change entry each' : 'ending differently'),
        tile('Unchanged', count(leads.unchanged), job.type === 'rescore' ? 'no write' : null),
        tile('Errors', count(leads.errors))),
  ];
}

function errors(job) {
  if (!(job.errors || []).length) return null;
  return card('Errors', table([
    { title: 'Lead', cell: (e) => (e.leadId ? h('a', { href: link(['lead', e.leadId]) }, e.leadId) : '—') },
    { title: 'Error', cell: (e) => e.error },
  ], job.errors));
}

/** The job as it stands; a finished one with what it found. */
function jobContent(job) {
  const explanation = STATUS_NOTES[job.status];
  const finished = FINISHED.has(job.status);
  return [
    h('header', { class: 'view-head' },
        h('p', { class: 'crumbs' }, h('a', { href: link(['model']) }, 'Model'), ' / ',
            h('a', { href: link(['model', 'revisions']) }, 'Revisions'), ' / ', 'job ', job.jobId),
        h('h1', {}, what(job), badge(job.status, STATUS_KIND[job.status])),
        h('p', { class: 'muted' }, `Model ${job.modelId} · started ${when(job.createdAt)}`,
            job.updatedAt ? ` · updated ${ago(job.updatedAt)}` : '')),
    explanation ? note(explanation, job.status === 'failed' ? 'bad' : 'calm') : null,
    job.type === 'rescore' && job.status === 'done' ? note(`Revision ${job.revision} is published and every lead is`
        + ` re-scored: ${plural(job.leads?.changed ?? 0, 'lead')} changed.`, 'calm') : null,
    !finished || job.type === 'rescore' || !job.report ? card('Progress', progress(job)) : null,
    errors(job),
    job.type === 'backtest' && job.status === 'done'
      ? (job.report ? backtestReport(job.report) : note('The job is done, but its answer holds no report.', 'bad'))
      : null,
  ];
}

/** Asks for the job again until it is finished, while the page still shows it (`box` is in the document). */
function follow(box, jobId, delay = FOLLOW_EVERY_MS) {
  setTimeout(async () => {
    if (!box.isConnected) return;
    let job;
    try {
      job = await get(jobPath(jobId));
    } catch (error) {
      // A hiccup of the API: keep the last answer on the page, and ask again later.
      if (box.isConnected) follow(box, jobId, Math.min(delay * 2, 30000));
      return;
    }
    if (!box.isConnected) return;
    box.replaceChildren(...jobContent(job).filter(Boolean));
    if (FINISHED.has(job.status)) {
      if (job.type === 'rescore') forgetModelInForce();
    } else {
      follow(box, jobId);
    }
  }, delay);
}

export async function jobView(route) {
  const jobId = route.segments[1] || '';
  let job;
  try {
    job = await get(jobPath(jobId));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [modelTabs('revisions'), h('header', { class: 'view-head' }, h('h1', {}, 'Job ' + jobId)),
      error.code === 'job_not_found' ? note(`No job "${jobId}": jobs are kept for a while, then expire.`, 'calm')
        : failure(error, 'This job')];
  }
  const box = h('div', { class: 'job' }, jobContent(job));
  if (!FINISHED.has(job.status)) follow(box, jobId);
  return [modelTabs('revisions'), box];
}

/* The backtest report: the candidate revision beside the baseline (the revision published when it ran). */

/** The two columns of every figure, named by their revisions. */
function sides(report) {
  return { baseline: `r${report.baseline.revision} (published)`, candidate: `r${report.candidate.revision}` };
}

/** A threshold's line as the report keys it: "salesReady", or "platform:salesReady" for a group's. */
function thresholdName(threshold, group) {
  return group ? [badge(group, 'scoped'), ' ', threshold] : threshold;
}

function difference(baseline, candidate) {
  if (baseline === null || baseline === undefined || candidate === null || candidate === undefined) return '—';
  const change = candidate - baseline;
  return h('b', { class: change < 0 ? 'neg' : change > 0 ? 'pos' : 'muted' }, signed(change));
}

/**
 * A chart of `series` with its legend, and its figures as a table for whoever does not read the picture.
 * draw(width, height): the chart.
 */
function chartCard(title, description, series, draw, figures, className) {
  return card(title, h('p', { class: 'muted small' }, description), chartBox(draw, className),
      h('div', { class: 'legend' }, seriesLegend(series)),
      h('details', { class: 'figures' }, h('summary', {}, 'The figures as a table'), figures));
}

/** The two models' series of one figure, e.g. each bucket's baseline and candidate counts. */
function bothSides(names, items) {
  return ['baseline', 'candidate'].map((side) => ({ name: names[side], kind: side, values: items.map((i) => i[side]) }));
}

/** A figure's table: its category, then the two sides and their difference. */
function figures(title, category, names, items, empty) {
  return table([
    { title, cell: category },
    { title: names.baseline, numeric: true, cell: (i) => count(i.baseline) },
    { title: names.candidate, numeric: true, cell: (i) => count(i.candidate) },
    { title: 'Difference', numeric: true, cell: (i) => difference(i.baseline, i.candidate) },
  ], items, { empty });
}

function histogram(report, names) {
  const { bucketSize, buckets } = report.histogram;
  const range = (b) => (bucketSize === 1 ? `${b.from}` : `${b.from} to ${b.from + bucketSize - 1}`);
  const series = bothSides(names, buckets);
  return chartCard('Score distribution', `Leads by their score at the end of the replay, in buckets of ${bucketSize}`
      + ' points.', series, (width, height) => comparisonChart(
      buckets.map((b) => ({ label: String(b.from), title: `Score ${range(b)}` })), series, { width, height,
        kind: 'bars', label: `Leads by end score, in buckets of ${bucketSize} points: ${names.baseline} beside`
          + ` ${names.candidate}` }),
  figures('Score', range, names, buckets, 'No lead was replayed.'), 'histogram');
}

function weekly(report, names) {
  const weeks = report.crossingsPerWeek || [];
  const series = bothSides(names, weeks);
  const total = (side) => weeks.reduce((sum, w) => sum + w[side], 0);
  return chartCard('Crossings per week', 'Qualifications each model announces per ISO week of the window: '
      + `${count(total('baseline'))} under ${names.baseline}, ${count(total('candidate'))} under ${names.candidate}.`,
  series, (width, height) => comparisonChart(weeks.map((w) => ({ label: w.week.replace(/^\d{4}-/, ''),
    title: w.week })), series, { width, height, kind: 'lines',
    label: `Qualifications per week: ${names.baseline} against ${names.candidate}` }),
  figures('Week', (w) => w.week, names, weeks, 'The window holds no week.'), 'weekly');
}

function atOrAbove(report, names) {
  return card('Leads at or above each threshold', table([
    { title: 'Threshold', cell: (t) => thresholdName(t.threshold, t.group) },
    { title: 'Points', numeric: true, cell: (t) => (t.baselinePoints !== undefined && t.baselinePoints !== null
        && t.baselinePoints !== t.points ? `${t.baselinePoints} → ${t.points}` : t.points) },
    { title: names.baseline, numeric: true, cell: (t) => count(t.baseline) },
    { title: names.candidate, numeric: true, cell: (t) => count(t.candidate) },
    { title: 'Difference', numeric: true, cell: (t) => difference(t.baseline, t.candidate) },
  ], report.atOrAbove || [], { empty: 'The models have no thresholds.' }),
  h('p', { class: 'muted small' }, 'At the end of the replay, each model by its own line; — where a model has no such'
      + ' threshold.'));
}

function rules(report, names) {
  const rows = report.rules || [];
  const differs = (r) => r.baseline.firings !== r.candidate.firings || r.baseline.points !== r.candidate.points;
  return card('Rules', h('p', { class: 'muted small' }, 'Firings: the hits in the leads\' breakdowns at the end;'
      + ' points: what they hold. Rules whose figures differ are highlighted.'), table([
    { title: 'Rule', cell: (r) => h('span', { class: 'mono' }, r.rule) },
    { title: `Firings ${names.baseline}`, numeric: true, optional: true, cell: (r) => count(r.baseline.firings) },
    { title: `Firings ${names.candidate}`, numeric: true, optional: true, cell: (r) => count(r.candidate.firings) },
    { title: `Points ${names.baseline}`, numeric: true, cell: (r) => count(r.baseline.points) },
    { title: `Points ${names.candidate}`, numeric: true, cell: (r) => count(r.candidate.points) },
    { title: 'Difference', numeric: true, cell: (r) => difference(r.baseline.points, r.candidate.points) },
  ], rows, { empty: 'No rule in either model.', rowClass: (r) => (differs(r) ? 'differs' : null) }));
}

function qualified(yes) {
  return yes ? badge('qualified', 'ok') : badge('not qualified');
}

function changedLeads(report, names) {
  const changed = report.changed || { count: 0, leads: [] };
  const listed = changed.leads || [];
  return card('Leads whose qualification changes', h('p', { class: 'muted small' },
      changed.count === 0 ? 'No lead ends with another qualification.'
        : `${plural(changed.count, 'qualification')} end differently`
          + (listed.length < changed.count ? `; the ${listed.length} with the largest score difference are listed.`
            : '.')),
  table([
    { title: 'Lead', cell: (l) => h('a', { href: link(['lead', l.leadId]) }, l.leadId) },
    { title: 'Threshold', cell: (l) => {
      const colon = l.threshold.indexOf(':');
      return colon < 0 ? l.threshold : thresholdName(l.threshold.slice(colon + 1), l.threshold.slice(0, colon));
    } },
    { title: names.baseline, cell: (l) => qualified(l.baseline) },
    { title: names.candidate, cell: (l) => qualified(l.candidate) },
    { title: 'Score', numeric: true, cell: (l) => h('span', { class: 'nowrap' }, `${l.scoreBaseline} → ${l.scoreCandidate}`) },
    { title: 'The rules that make the difference', cell: (l) => h('ul', { class: 'contributions' },
        (l.rules || []).map((r) => h('li', {}, h('span', { class: 'mono' }, r.rule), ` ${r.baseline} → ${r.candidate} `,
            difference(r.baseline, r.candidate)))) },
  ], listed, { empty: 'None.' }));
}

/** The report of a finished backtest (the admin API's JSON summary), as the page shows it. */
export function backtestReport(report) {
  const names = sides(report);
  const window = report.window || {};
  return h('div', { class: 'report' },
      h('div', { class: 'toolbar' }, h('h2', {}, `Revision ${report.candidate.revision} beside revision `
          + `${report.baseline.revision}`), actionButton('Download the report (JSON)', async () => saveFile(
          new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }),
          `backtest-r${report.candidate.revision}-vs-r${report.baseline.revision}.json`),
      { kind: 'secondary', what: 'The download' })),
      h('div', { class: 'tiles four' },
          tile('Leads replayed', count(report.leads)),
          tile('Qualifications changed', count(report.changed?.count)),
          tile('Window from', window.from ? when(window.from) : 'the beginning', null, 'small-value'),
          tile('Window to', window.to ? when(window.to) : 'now', null, 'small-value')),
      h('div', { class: 'columns even' }, histogram(report, names), weekly(report, names)),
      atOrAbove(report, names),
      changedLeads(report, names),
      rules(report, names));
}
