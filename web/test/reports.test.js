'use strict';
// The dashboard's Reports page (web/dashboard/view-reports.js) in a fake page, the report routes answered with the
// contract's JSON (fixtures/reports-*.json, shared with the CLI's tests and the browser test): the re-evaluation
// warning, the funnel and the acceptance rate as charts, the audit, the calibration and the NPS tables, the period
// picker, the calibration's switch, and each part's empty state and error.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { answer, load, openPage, settle, show, text } = require('./dashboard-page');

const fixture = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `reports-${name}.json`), 'utf8'));
const AUDIT = fixture('audit');
const STAGES = fixture('stages');
const CALIBRATION = fixture('calibration');
const NPS = fixture('nps');

function routes(extra = {}) {
  return {
    'GET /v1/reports/audit': AUDIT,
    'GET /v1/reports/stages': STAGES,
    'GET /v1/reports/calibration': CALIBRATION,
    'GET /v1/reports/nps': NPS,
    ...extra,
  };
}

async function reportsPage(params = '', extra = {}) {
  const page = openPage({ routes: routes(extra) });
  const { reportsView } = await load('view-reports.js');
  const main = show(page, await reportsView({ segments: ['reports'], params: new URLSearchParams(params) }));
  return { page, main };
}

/** The card whose heading starts with `title`. */
function section(main, title) {
  const found = main.querySelectorAll('section.card').find((c) => text(c.querySelector('h2')).startsWith(title));
  assert.ok(found, `a card "${title}" in: ${text(main)}`);
  return found;
}

const cells = (tr) => tr.querySelectorAll('td').map(text);
const rows = (parent) => parent.querySelectorAll('tbody tr').map(cells);

test('the four reports are asked with the admin key; the period is the API\'s default until one is picked', async () => {
  const { page } = await reportsPage();
  assert.deepEqual(page.requests.map((r) => r.url.pathname + r.url.search), ['/v1/reports/audit',
    '/v1/reports/stages', '/v1/reports/calibration?reached=mql', '/v1/reports/nps']);
  assert.deepEqual(page.requests.map((r) => r.headers.authorization), Array(4).fill('Bearer ak_test'));
});

test('the re-evaluation warning comes first, as an alert, with the API\'s sentence', async () => {
  const { main } = await reportsPage();
  const warning = main.querySelector('.review-warning');
  assert.equal(main.children[1], warning, 'right under the heading, before the period and the figures');
  assert.equal(warning.getAttribute('role'), 'alert');
  assert.equal(text(warning), 'The model needs re-evaluation now 50 of the 90 decided MQLs (55.6%) were rejected:'
      + ' the model needs re-evaluation now.');

  const calm = await reportsPage('', { 'GET /v1/reports/audit': { ...AUDIT, needsReview: false, warning: null } });
  assert.equal(calm.main.querySelector('.review-warning'), null, 'no warning when sales accepted enough');
});

test('the audit: figures, the top rejection reasons and the rules that predict rejection first', async () => {
  const { main } = await reportsPage();
  const audit = section(main, 'MQL audit');
  assert.equal(text(audit.querySelector('h2')), 'MQL audit, 2026-11-01 to 2026-11-30');
  const tiles = Object.fromEntries(audit.querySelectorAll('.tile').map((t) => [text(t.querySelector('.label')),
    [text(t.querySelector('.value')), t.querySelector('.sub') ? text(t.querySelector('.sub')) : null]]));
  assert.deepEqual(tiles.MQLs, ['120', '30 pending a verdict']);
  assert.deepEqual(tiles.Accepted, ['44.4%', '40 of 90 decided']);
  assert.deepEqual(tiles.Rejected, ['55.6%', '50 of 90 decided']);
  assert.deepEqual(tiles['To acceptance'], ['26 h', 'median time from MQL']);
  assert.deepEqual(tiles.Opportunities, ['24', '20.0% of the MQLs']);
  assert.deepEqual(tiles.Won, ['10', '41.7% of the opportunities']);
  assert.deepEqual(tiles.Lost, ['5', null]);

  const [reasons, rules] = audit.querySelectorAll('table');
  assert.deepEqual(rows(reasons), [['no budget', '21'], ['student or job seeker', '14'], ['existing customer', '9'],
    ['bad timing, call back in Q3', '6']]);
  assert.deepEqual(rows(rules), [
    ['careers-page', '2 (5.0%)', '14 (28.0%)', '+23 pts'],
    ['pricing-page', '30 (75.0%)', '35 (70.0%)', '−5 pts'],
    ['demo-request', '32 (80.0%)', '12 (24.0%)', '−56 pts'],
  ], 'in the API\'s order: the rules that predict rejection first');
  assert.deepEqual(rules.querySelectorAll('tr.differs').map((tr) => text(tr.querySelector('td'))), ['careers-page'],
    'a rule that fires more for rejected MQLs is highlighted');
});

test('the acceptance rate over time: a point per week with decisions, the line broken where there is none', async () => {
  const { main } = await reportsPage();
  const weekly = section(main, 'Acceptance rate by week');
  const svg = weekly.querySelector('.chart-box.weekly svg');
  assert.equal(svg.getAttribute('role'), 'img');
  assert.match(svg.getAttribute('aria-label'), /2026-W45 54\.6%, .* 2026-W49 —/);
  const points = svg.querySelectorAll('circle.point.primary');
  assert.equal(points.length, 4, 'W49 has no decided MQL: no point');
  const ys = points.map((p) => Number(p.getAttribute('cy')));
  assert.ok(ys[0] < ys[1] && ys[1] < ys[2] && ys[2] < ys[3], 'a falling rate is drawn lower week after week');
  assert.equal(svg.querySelector('path.series-line').getAttribute('d').match(/[ML]/g).join(''), 'MLLL');
  assert.deepEqual(svg.querySelectorAll('g.category title').map(text).slice(3), ['2026-W48: Acceptance rate 36.8%',
    '2026-W49: Acceptance rate —']);
  assert.deepEqual(svg.querySelectorAll('text.tick.x').map(text), ['W45', 'W46', 'W47', 'W48', 'W49']);
  assert.deepEqual(svg.querySelectorAll('text.tick.y').map(text), ['0%', '50%', '100%'], 'a percentage scale to 100%');
  assert.deepEqual(rows(weekly.querySelector('details.figures table'))[0], ['2026-W45', '30', '12', '10', '54.6%']);
});

test('the funnel: a bar per lead stage in lifecycle order, accounts per stage and the monthly conversions', async () => {
  const { main } = await reportsPage();
  const funnel = section(main, 'Leads by stage');
  const svg = funnel.querySelector('.chart-box.funnel svg');
  const bars = svg.querySelectorAll('rect.column.primary');
  assert.deepEqual(svg.querySelectorAll('text.tick.x').map(text), ['lead', 'mql', 'sql', 'rejected', 'opportunity',
    'won', 'lost', 'recycled']);
  const heights = bars.map((bar) => Number(bar.getAttribute('height')));
  assert.ok(Math.abs(heights[0] / heights[1] - 900 / 40) < 0.01, 'bars scale with their counts: ' + heights);
  assert.equal(text(svg.querySelectorAll('g.category title')[2]), 'sql: Leads 12');
  assert.deepEqual(rows(funnel.querySelector('details.figures table')).map((r) => r.join(' ')), ['lead 900', 'mql 40',
    'sql 12', 'rejected 8', 'opportunity 6', 'won 3', 'lost 2', 'recycled 1']);

  assert.deepEqual(rows(section(main, 'Accounts by stage')), [['account', '300'], ['mqa', '12'], ['sql', '4'],
    ['opportunity', '3'], ['won', '1'], ['lost', '0']]);
  assert.deepEqual(rows(section(main, 'Conversion to the next stage')), [
    ['2026-10', 'mql', 'sql', '38', '11', '29.0%'],
    ['2026-11', 'mql', 'sql', '40', '12', '30.0%'],
    ['2026-11', 'sql', 'opportunity', '12', '6', '50.0%']]);
});

test('the calibration: per journey stage the average interactions and the rules, the suggestion beside today', async () => {
  const { main } = await reportsPage();
  const calibration = section(main, 'Points calibration');
  const tiles = calibration.querySelectorAll('.tile').map(text);
  assert.deepEqual(tiles, ['Leads 37 that became MQL', 'Threshold 100 the sales-ready score',
    'Suggested 8.33 points per interaction, 100 / 12', 'Today 12 points per interaction, on average']);
  assert.deepEqual(rows(calibration), [
    ['awareness', '5', 'blog-view +5 whitepaper-download +10', '8.33'],
    ['consideration', '3', 'webinar-signup +10', '8.33'],
    ['decision', '4', 'pricing-page +15 demo-request +20', '8.33']]);
  const current = calibration.querySelector('nav a[aria-current=page]');
  assert.equal(text(current), 'Became MQL');
});

test('the calibration switch asks for the leads that were won, and keeps the period', async () => {
  const { page, main } = await reportsPage('from=2026-10-01&to=2026-10-31&reached=won', {
    'GET /v1/reports/calibration': (request) => answer(200, { ...CALIBRATION,
      reached: request.url.searchParams.get('reached'), leads: 4 }),
  });
  assert.equal(page.requests[2].url.search, '?reached=won');
  const calibration = section(main, 'Points calibration');
  assert.equal(text(calibration.querySelector('nav a[aria-current=page]')), 'Won');
  assert.equal(calibration.querySelectorAll('nav a')[0].getAttribute('href'),
    '#/reports?from=2026-11-01&to=2026-11-30&reached=mql', 'the period the audit answered for');
  assert.equal(text(calibration.querySelector('.tile')), 'Leads 4 that were won');
});

test('the period picker asks the audit for the chosen dates', async () => {
  const { page, main } = await reportsPage('from=2026-10-01&to=2026-10-31', {
    'GET /v1/reports/audit': (request) => answer(200, { ...AUDIT, from: request.url.searchParams.get('from'),
      to: request.url.searchParams.get('to') }),
  });
  assert.equal(page.requests[0].url.search, '?from=2026-10-01&to=2026-10-31');
  const form = main.querySelector('form.period');
  assert.equal(form.querySelector('input[name=from]').value, '2026-10-01');
  assert.equal(form.querySelector('input[name=to]').getAttribute('type'), 'date');
  form.querySelector('input[name=from]').value = '2026-09-01';
  form.querySelector('input[name=to]').value = '2026-09-30';
  form.querySelector('button[type=submit]').click();
  assert.equal(location.hash, '#/reports?from=2026-09-01&to=2026-09-30&reached=mql');
  await settle();
});

test('every part says when it has nothing yet: no MQL, no stage counts, no journey tags, no NPS answer', async () => {
  const noWeeks = AUDIT.weeks.map((w) => ({ ...w, mqls: 0, accepted: 0, rejected: 0, acceptanceRate: null }));
  const { main } = await reportsPage('', {
    'GET /v1/reports/audit': { ...AUDIT, mqls: 0, accepted: 0, rejected: 0, pending: 0, decided: 0,
      acceptanceRate: null, rejectionRate: null, needsReview: false, warning: null, topRejectionReasons: [],
      rules: [], weeks: noWeeks },
    'GET /v1/reports/stages': { leads: {}, accounts: {}, conversions: [] },
    'GET /v1/reports/calibration': { reached: 'mql', threshold: 100, leads: 0, stages: [], sumOfAverages: 0,
      suggestedPointsPerInteraction: null, currentPointsPerInteraction: null },
    'GET /v1/reports/nps': { overall: { responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
      accounts: [] },
  });
  const notes = (title) => section(main, title).querySelectorAll('p.note').map(text);
  assert.deepEqual(notes('MQL audit'), ['No lead became an MQL between 2026-11-01 and 2026-11-30.']);
  assert.deepEqual(notes('Acceptance rate by week'), ['No lead became an MQL between 2026-11-01 and 2026-11-30.']);
  assert.deepEqual(notes('Leads by stage'), ['No lead has been scored yet.']);
  assert.deepEqual(notes('Accounts by stage'), ['No account has formed yet.']);
  assert.deepEqual(notes('Conversion to the next stage'), ['No lead has moved between stages yet.']);
  assert.deepEqual(notes('Points calibration'), ['No rule of the model is tagged with a buyer-journey stage, so no'
      + ' interaction is counted by stage.']);
  assert.deepEqual(notes('Net Promoter Score'), ['No NPS answer yet: they arrive as nps_response events with'
      + ' properties.score 0 to 10.']);
  assert.equal(main.querySelector('svg'), null, 'no empty chart');
});

test('journey stages tagged but no lead got there yet; answers from no account', async () => {
  const { main } = await reportsPage('reached=won', {
    'GET /v1/reports/calibration': { ...CALIBRATION, reached: 'won', leads: 0,
      stages: CALIBRATION.stages.map((s) => ({ ...s, averageInteractions: 0 })), suggestedPointsPerInteraction: null },
    'GET /v1/reports/nps': { ...NPS, accounts: [] },
  });
  assert.deepEqual(section(main, 'Points calibration').querySelectorAll('p.note').map(text),
    ['No lead were won yet: there is nothing to average.']);
  assert.deepEqual(section(main, 'Net Promoter Score').querySelectorAll('p.note').map(text),
    ['No answer came from a lead of an account.']);
});

test('the NPS overall and per account, the unhappiest first, a negative score marked', async () => {
  const { main } = await reportsPage();
  const nps = section(main, 'Net Promoter Score');
  assert.deepEqual(nps.querySelectorAll('.tile').map((t) => text(t.querySelector('.value'))),
    ['+25', '40', '20', '10', '10']);
  assert.deepEqual(rows(nps), [['acme.com', '4', '1', '1', '2', '−25'], ['globex.example', '10', '6', '2', '2', '+40']]);
  assert.equal(nps.querySelector('tbody tr a').getAttribute('href'), '#/account/acme.com');
  assert.ok(nps.querySelector('tbody tr td b.neg'), 'a negative NPS reads as a problem');
});

test('a refused period names the field; a report not deployed is a calm note; the other parts still show', async () => {
  const { main } = await reportsPage('from=2026-11-30&to=2026-11-01', {
    'GET /v1/reports/audit': answer(400, { error: { code: 'invalid_period', message: 'to is before from',
      field: 'to' } }),
    'GET /v1/reports/nps': answer(404, { message: 'Not Found' }),
  });
  assert.deepEqual(section(main, 'MQL audit').querySelectorAll('p.note').map(text),
    ['Could not load the audit report: to is before from (to)']);
  assert.equal(section(main, 'MQL audit').querySelector('p.note').className, 'note bad');
  assert.equal(main.querySelector('form.period input[name=from]').value, '2026-11-30', 'the dates asked, to correct');
  assert.deepEqual(section(main, 'Net Promoter Score').querySelectorAll('p.note').map(text),
    ['The NPS report is not available yet: this API does not serve it in this deployment.']);
  assert.equal(rows(section(main, 'Accounts by stage')).length, 6, 'the stage report still shows');
  assert.equal(main.querySelector('.review-warning'), null);
});

test('a rate reads as a percentage with one decimal, and as a dash without a denominator', async () => {
  openPage();
  const { percent } = await load('view-reports.js');
  assert.equal(percent(0.4444), '44.4%');
  assert.equal(percent(0), '0.0%');
  assert.equal(percent(1), '100.0%');
  assert.equal(percent(0.2895), '29.0%', 'half up, not the float below it');
  assert.equal(percent(null), '—');
});
