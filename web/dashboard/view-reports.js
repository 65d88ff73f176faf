// Reports: what sales made of the MQLs, the funnel by stage, the points calibration and the NPS, read from the
// report routes (GET /v1/reports/audit|stages|calibration|nps), which answer from counters kept at write time.
import { ApiError, get } from './api.js';
import { chartBox, comparisonChart, seriesLegend } from './chart.js';
import { h } from './dom.js';
import { signed } from './format.js';
import { link } from './route.js';
import { card, failure, note, table, tile } from './ui.js';

/** The lifecycle in order, as the funnel reads; a stage the API adds later is shown after these. */
const LEAD_STAGES = ['lead', 'mql', 'sql', 'rejected', 'opportunity', 'won', 'lost', 'recycled'];
const ACCOUNT_STAGES = ['account', 'mqa', 'sql', 'opportunity', 'won', 'lost'];
const REACHED = { mql: 'became MQL', won: 'were won' };

/**
 * A rate (0.4444) as a percentage (44.4%), half rounded up as people do (0.2895 is 29.0%, not the 28.9% that binary
 * floating point gives); — when the API has none (its denominator is 0).
 */
export function percent(rate) {
  return rate === null || rate === undefined ? '—' : tenths(rate).toFixed(1) + '%';
}

/** A rate in percent, to a tenth: what the page prints and the chart draws alike. */
function tenths(rate) {
  return Math.round(Number((rate * 1000).toPrecision(12))) / 10;
}

const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString());

/** A stage's counts in lifecycle order: [[stage, count]], stages the API left out as 0. */
function inOrder(counts, order) {
  const known = order.map((stage) => [stage, counts[stage] || 0]);
  return known.concat(Object.entries(counts).filter(([stage]) => !order.includes(stage)));
}

/** The report's part, or what went wrong asking for it under its title: one failed route leaves the others shown. */
async function part(answer, title, what, render) {
  try {
    return render(await answer);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return card(title, failure(error, what));
  }
}

/** A chart with its legend, and its figures as a table for whoever does not read the picture. */
function chartWithFigures(series, draw, figures, className) {
  return [chartBox(draw, className), h('div', { class: 'legend' }, seriesLegend(series)),
    h('details', { class: 'figures' }, h('summary', {}, 'The figures as a table'), figures)];
}

function periodForm(period, reached) {
  const form = h('form', { class: 'filters period', 'aria-label': 'Period of the audit' },
      h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: period.from, required: true })),
      h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: period.to, required: true })),
      h('button', { type: 'submit' }, 'Show'));
  const value = (name) => form.querySelector(`input[name=${name}]`).value;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = link(['reports'], { from: value('from'), to: value('to'), reached });
  });
  return form;
}

function funnel(stages) {
  const rows = inOrder(stages.leads || {}, LEAD_STAGES);
  if (!rows.some(([, n]) => n > 0)) return card('Leads by stage', note('No lead has been scored yet.', 'calm'));
  const series = [{ name: 'Leads', kind: 'primary', values: rows.map(([, n]) => n) }];
  return card('Leads by stage', ...chartWithFigures(series, (width, height) => comparisonChart(
      rows.map(([stage]) => ({ label: stage })), series, { width, height, kind: 'bars',
        label: 'Leads per stage now: ' + rows.map(([stage, n]) => `${stage} ${n}`).join(', ') }),
  table([{ title: 'Stage', cell: ([stage]) => stage }, { title: 'Leads', numeric: true, cell: ([, n]) => count(n) }],
      rows), 'funnel'));
}

function accounts(stages) {
  const rows = inOrder(stages.accounts || {}, ACCOUNT_STAGES);
  return card('Accounts by stage', rows.some(([, n]) => n > 0)
    ? table([{ title: 'Stage', cell: ([stage]) => stage }, { title: 'Accounts', numeric: true, cell: ([, n]) => count(n) }],
        rows)
    : note('No account has formed yet.', 'calm'));
}

function conversions(stages) {
  return card('Conversion to the next stage, by month', table([
    { title: 'Month', cell: (c) => c.month },
    { title: 'From', cell: (c) => c.from },
    { title: 'To', cell: (c) => c.to },
    { title: 'Entered', numeric: true, cell: (c) => count(c.entered) },
    { title: 'Converted', numeric: true, cell: (c) => count(c.converted) },
    { title: 'Rate', numeric: true, cell: (c) => percent(c.rate) },
  ], stages.conversions || [], { empty: 'No lead has moved between stages yet.' }));
}

/** The warning, above everything else when sales rejected more than half of the decided MQLs. */
function reviewWarning(audit) {
  if (!audit.needsReview) return null;
  return h('div', { class: 'review-warning', role: 'alert' }, h('strong', {}, 'The model needs re-evaluation now'),
      h('p', {}, audit.warning || `${percent(audit.rejectionRate)} of the decided MQLs were rejected.`));
}

function acceptanceOverTime(audit) {
  const weeks = audit.weeks || [];
  if (!weeks.some((w) => w.mqls > 0)) {
    return card('Acceptance rate by week', note(`No lead became an MQL between ${audit.from} and ${audit.to}.`, 'calm'));
  }
  const series = [{ name: 'Acceptance rate', kind: 'primary', values: weeks.map((w) => (w.acceptanceRate === null
    || w.acceptanceRate === undefined ? null : tenths(w.acceptanceRate))) }];
  return card('Acceptance rate by week', h('p', { class: 'muted small' }, 'Of the MQLs of each ISO week, the share'
      + ' sales accepted among those they decided; a week without decisions has no point.'),
  ...chartWithFigures(series, (width, height) => comparisonChart(weeks.map((w) => ({ label: w.week.replace(/^\d{4}-/, ''),
    title: w.week })), series, { width, height, kind: 'lines', max: 100, unit: '%',
    label: 'Acceptance rate per week: ' + weeks.map((w) => `${w.week} ${percent(w.acceptanceRate)}`).join(', ') }),
  table([
    { title: 'Week', cell: (w) => w.week },
    { title: 'MQLs', numeric: true, cell: (w) => count(w.mqls) },
    { title: 'Accepted', numeric: true, cell: (w) => count(w.accepted) },
    { title: 'Rejected', numeric: true, cell: (w) => count(w.rejected) },
    { title: 'Acceptance rate', numeric: true, cell: (w) => percent(w.acceptanceRate) },
  ], weeks), 'weekly'));
}

function audit(answer) {
  const title = `MQL audit, ${answer.from} to ${answer.to}`;
  if (!answer.mqls) {
    return card(title, note(`No lead became an MQL between ${answer.from} and ${answer.to}.`, 'calm'));
  }
  const hours = answer.medianHoursToAcceptance;
  return card(title,
      h('div', { class: 'tiles four' },
          tile('MQLs', count(answer.mqls), `${count(answer.pending)} pending a verdict`),
          tile('Accepted', percent(answer.acceptanceRate), `${count(answer.accepted)} of ${count(answer.decided)} decided`),
          tile('Rejected', percent(answer.rejectionRate), `${count(answer.rejected)} of ${count(answer.decided)} decided`),
          tile('To acceptance', hours === null || hours === undefined ? '—' : `${hours} h`, 'median time from MQL'),
          tile('Opportunities', count(answer.opportunities), `${percent(answer.leadToOpportunityRate)} of the MQLs`),
          tile('Won', count(answer.won), `${percent(answer.opportunityToWonRate)} of the opportunities`),
          tile('Lost', count(answer.lost)),
          tile('Model', answer.model || '—', null, 'small-value')),
      h('h3', {}, 'Top rejection reasons'),
      table([
        { title: 'Reason', cell: (r) => r.reason },
        { title: 'Rejected', numeric: true, cell: (r) => count(r.count) },
      ], answer.topRejectionReasons || [], { empty: 'No MQL of the period was rejected.' }),
      h('h3', {}, 'Rules that predict rejection'),
      h('p', { class: 'muted small' }, 'How often each rule fired for the accepted and for the rejected MQLs; the'
          + ' rules that fire more for rejected ones come first, highlighted.'),
      table([
        { title: 'Rule', cell: (r) => r.rule },
        { title: 'Accepted', numeric: true, cell: (r) => `${count(r.accepted)} (${percent(r.acceptedShare)})` },
        { title: 'Rejected', numeric: true, cell: (r) => `${count(r.rejected)} (${percent(r.rejectedShare)})` },
        { title: 'Difference', numeric: true,
          cell: (r) => signed(Math.round((r.rejectedShare - r.acceptedShare) * 1000) / 10) + ' pts' },
      ], answer.rules || [], { empty: 'No rule fired for a decided MQL of the period.',
        rowClass: (r) => (r.rejectedShare > r.acceptedShare ? 'differs' : null) }));
}

function calibration(answer, period) {
  const tab = (reached, text) => h('a', { href: link(['reports'], { ...period, reached }),
    'aria-current': answer.reached === reached ? 'page' : null }, text);
  const head = [h('nav', { class: 'subtabs', 'aria-label': 'Leads that' }, tab('mql', 'Became MQL'), tab('won', 'Won')),
    h('p', { class: 'muted small' }, 'The average interactions per buyer-journey stage before a lead got there, and the'
        + ' points per interaction that would reach the sales-ready score: the threshold over the sum of the averages.')];
  const stages = answer.stages || [];
  const reached = REACHED[answer.reached] || answer.reached;
  if (!stages.length) {
    return card('Points calibration', ...head, note('No rule of the model is tagged with a buyer-journey stage, so'
        + ' no interaction is counted by stage.', 'calm'));
  }
  if (!answer.leads) {
    return card('Points calibration', ...head, note(`No lead ${reached} yet: there is nothing to average.`, 'calm'));
  }
  const suggested = answer.suggestedPointsPerInteraction;
  return card('Points calibration', ...head,
      h('div', { class: 'tiles four' },
          tile('Leads', count(answer.leads), `that ${reached}`),
          tile('Threshold', count(answer.threshold), 'the sales-ready score'),
          tile('Suggested', suggested ?? '—', `points per interaction, ${answer.threshold} / ${answer.sumOfAverages}`),
          tile('Today', answer.currentPointsPerInteraction ?? '—', 'points per interaction, on average')),
      table([
        { title: 'Journey stage', cell: (s) => s.stage },
        { title: 'Average interactions', numeric: true, cell: (s) => s.averageInteractions },
        { title: 'Rules and their points today', cell: (s) => (s.rules || []).map((r) => h('span', { class: 'rule-points' },
            r.rule, ' ', h('b', { class: r.points < 0 ? 'neg' : '' }, signed(r.points)))) },
        { title: 'Suggested points', numeric: true, cell: () => suggested ?? '—' },
      ], stages));
}

function nps(answer) {
  const overall = answer.overall || {};
  if (!overall.responses) {
    return card('Net Promoter Score', note('No NPS answer yet: they arrive as nps_response events with'
        + ' properties.score 0 to 10.', 'calm'));
  }
  const score = (n) => (n === null || n === undefined ? '—' : h('b', { class: n < 0 ? 'neg' : 'pos' }, signed(n)));
  return card('Net Promoter Score',
      h('div', { class: 'tiles' },
          tile('NPS', score(overall.nps), 'promoters minus detractors, in %'),
          tile('Answers', count(overall.responses)),
          tile('Promoters', count(overall.promoters), 'scored 9 or 10'),
          tile('Passives', count(overall.passives), 'scored 7 or 8'),
          tile('Detractors', count(overall.detractors), 'scored 0 to 6')),
      h('h3', {}, 'By account, the unhappiest first'),
      table([
        { title: 'Account', cell: (a) => h('a', { href: link(['account', a.accountId]) }, a.accountId) },
        { title: 'Answers', numeric: true, cell: (a) => count(a.responses) },
        { title: 'Promoters', numeric: true, optional: true, cell: (a) => count(a.promoters) },
        { title: 'Passives', numeric: true, optional: true, cell: (a) => count(a.passives) },
        { title: 'Detractors', numeric: true, optional: true, cell: (a) => count(a.detractors) },
        { title: 'NPS', numeric: true, cell: (a) => score(a.nps) },
      ], answer.accounts || [], { empty: 'No answer came from a lead of an account.' }));
}

export async function reportsView(route) {
  const asked = { from: route.params.get('from') || '', to: route.params.get('to') || '' };
  const reached = route.params.get('reached') || 'mql';
  const answers = {
    audit: get('/v1/reports/audit', asked),
    stages: get('/v1/reports/stages'),
    calibration: get('/v1/reports/calibration', { reached }),
    nps: get('/v1/reports/nps'),
  };
  // Every request is on its way before any is awaited; a rejection is handled by its part.
  Object.values(answers).forEach((answer) => answer.catch(() => {}));
  const audited = await answers.audit.catch(() => null);
  const period = audited ? { from: audited.from, to: audited.to } : asked;
  return [
    h('header', { class: 'view-head' }, h('h1', {}, 'Reports'),
        h('p', { class: 'muted' }, 'What sales made of the MQLs, the funnel, the points and the customers\' NPS.')),
    audited ? reviewWarning(audited) : null,
    periodForm(period, reached),
    await part(answers.audit, 'MQL audit', 'The audit report', (answer) => [audit(answer), acceptanceOverTime(answer)]),
    await part(answers.stages, 'Leads by stage', 'The stage report', (answer) => [funnel(answer),
      h('div', { class: 'columns even' }, accounts(answer), conversions(answer))]),
    await part(answers.calibration, 'Points calibration', 'The calibration report', (answer) => calibration(answer, period)),
    await part(answers.nps, 'Net Promoter Score', 'The NPS report', nps),
  ];
}
