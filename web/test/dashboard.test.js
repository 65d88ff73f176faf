'use strict';
// The dashboard's model lifecycle views (web/dashboard) and a lead's stage, rendered in a fake page with the admin API answered by the
// test: the revisions and their side-by-side table, the CSV download, the backtest and publish actions, and a job
// followed to its end, a backtest's report rendered from a saved report (fixtures/backtest-job.json, the design's
// shape).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { answer, load, openPage, settle, show, text } = require('./dashboard-page');

const BACKTEST_JOB = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'backtest-job.json'), 'utf8'));
const REVISIONS = '/v1/models/default/revisions';
const COMPARE = '/v1/models/default/compare';

const LISTING = {
  modelId: 'default', published: 2, publishedAt: '2026-10-01T09:00:00Z', publishedBy: 'arn:aws:iam::1:user/kim',
  firstPublishedAt: '2026-07-01T09:00:00Z', nextReviewAt: '2026-11-29T09:00:00Z', reviewOverdue: true, latest: 3,
  revisions: [
    { number: 1, author: 'leadscore seed (default-model.yaml)', createdAt: '2026-07-01T09:00:00Z',
      notes: 'The shipped defaults', sha256: 'a1', basedOn: null, published: false },
    { number: 2, author: 'arn:aws:iam::1:user/kim', createdAt: '2026-10-01T08:00:00Z',
      notes: 'Q3 review: pricing visits matter less', sha256: 'b2', basedOn: 1, published: true },
    { number: 3, author: 'arn:aws:iam::1:user/alex', createdAt: '2026-11-30T08:00:00Z', notes: 'Trial sign-ups',
      sha256: 'c3', basedOn: 2, published: false },
  ],
};

const row = (key, section, label, values, notes = [], changed = []) => ({
  key, section, label,
  cells: values.map((value, i) => ({ revision: i + 1, value, changed: changed[i] ?? false, note: notes[i] ?? null })),
});

const COMPARISON = {
  modelId: 'default', revisions: [1, 2, 3], rows: [
    row('rule:pricing-page', 'rule', 'Viewed the pricing page',
        ['15 · page_view url glob */pricing*', '10 · page_view url glob */pricing*', '10 · page_view url glob */pricing*'],
        [null, 'Sales: pricing visits are mostly existing customers'], [false, true, false]),
    row('rule:trial-signup', 'rule', 'Started a trial', [null, null, '25 · form_submit formId trial'], [],
        [false, false, true]),
    row('rule:careers-page', 'rule', 'Looked at job openings', ['-10 · page_view', '-10 · page_view', null], [],
        [false, false, true]),
    row('threshold:salesReady', 'threshold', 'salesReady', ['100 · re-arms below 90', '100 · re-arms below 90',
      '100 · re-arms below 90']),
    row('decay', 'decay', 'Decay', ['after 30d, 10% a week', 'after 30d, 10% a week', 'after 30d, 10% a week']),
  ],
};

function revisionRoutes(extra = {}) {
  return {
    'GET /v1/model': { id: 'default', version: 2, thresholds: [], groups: [], rules: [] },
    ['GET ' + REVISIONS]: LISTING,
    ['GET ' + COMPARE]: COMPARISON,
    ...extra,
  };
}

async function revisionsPage(params = '', extra = {}) {
  const page = openPage({ routes: revisionRoutes(extra) });
  const { revisionsView } = await load('view-revisions.js');
  const main = show(page, await revisionsView({ segments: ['model', 'revisions'], params: new URLSearchParams(params) }));
  return { page, main };
}

test('the revisions: number, author, time, notes, the published one, and the review overdue', async () => {
  const { page, main } = await revisionsPage();
  const rows = main.querySelectorAll('section.card table')[0].querySelectorAll('tbody tr');
  assert.deepEqual(rows.map((r) => text(r.querySelector('td'))), ['r3', 'r2 published', 'r1'], 'newest first');
  assert.equal(text(rows[1].querySelectorAll('td')[1]), 'kim', 'an IAM author by its user name');
  assert.equal(rows[1].querySelectorAll('td')[1].querySelector('span').getAttribute('title'), 'arn:aws:iam::1:user/kim');
  assert.match(text(rows[0]), /Trial sign-ups.*copied from r2/);
  assert.match(text(main.querySelector('.tiles')), /Next review.*overdue/);
  assert.ok(main.querySelector('.tiles .badge.bad'), 'the overdue review reads as a problem');
  assert.equal(rows[1].querySelector('button'), null, 'the published one is in force, and the baseline of backtests');
  assert.equal(text(rows[1].querySelectorAll('td')[4]), 'in force');
  assert.equal(text(rows[2].querySelector('button[aria-label="Publish revision 1"]')), 'Roll back');
  assert.deepEqual(page.requests.map((r) => r.headers.authorization), Array(page.requests.length).fill('Bearer ak_test'));
  const compare = page.requests.find((r) => r.url.pathname === COMPARE);
  assert.equal(compare.url.search, '?from=1&to=3', 'all revisions by default');
});

test('the comparison: a row per setting under its section, a column per revision, changes highlighted, notes', async () => {
  const { main } = await revisionsPage();
  const table = main.querySelector('table.comparison');
  assert.deepEqual(table.querySelectorAll('thead th').map(text), ['Setting', 'r1', 'r2 published', 'r3']);
  assert.deepEqual(table.querySelectorAll('tr.section th').map(text), ['Behaviour rules', 'Thresholds', 'Decay']);
  assert.equal(table.querySelector('tr.section th').getAttribute('scope'), 'colgroup');

  const pricing = table.querySelector('tr[data-key="rule:pricing-page"]');
  assert.equal(pricing.querySelector('th').getAttribute('scope'), 'row');
  assert.match(text(pricing.querySelector('th')), /Viewed the pricing page rule:pricing-page/);
  assert.deepEqual(pricing.querySelectorAll('td.changed').map((td) => td.getAttribute('data-revision')), ['2']);
  const changed = pricing.querySelector('td[data-revision="2"]');
  assert.equal(text(changed), 'changed: 10 · page_view url glob */pricing* note: Sales: pricing visits are mostly'
      + ' existing customers', 'the value, said to be changed, and the note on it');
  assert.ok(changed.querySelector('.cell-note'));

  const added = table.querySelector('tr[data-key="rule:trial-signup"]');
  assert.deepEqual(added.querySelectorAll('td').map((td) => td.className), ['cell absent', 'cell absent', 'cell changed']);
  const removed = table.querySelector('tr[data-key="rule:careers-page"] td[data-revision="3"]');
  assert.equal(removed.className, 'cell changed removed');
  assert.match(text(removed), /removed/);
  assert.equal(table.querySelector('tr[data-key=decay]').className, 'same');

  const notes = table.querySelectorAll('tbody.about tr')[2];
  assert.deepEqual(notes.querySelectorAll('td').map(text), ['The shipped defaults',
    'Q3 review: pricing visits matter less', 'Trial sign-ups'], 'each revision\'s notes above its column');

  const only = main.querySelector('input[name=only-changes]');
  only.click();
  assert.ok(table.classList.contains('only-changes'), 'only the settings that change, when asked');
});

test('a chosen range is asked of the API, and the CSV is fetched with the key and saved as a file', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] }); // the object URL is let go a minute later
  const csv = 'section,key,label,r2,r3\r\n';
  const { page, main } = await revisionsPage('from=2&to=3', {
    ['GET ' + COMPARE]: (request) => (request.url.searchParams.get('format') === 'csv'
      ? answer(200, csv, { 'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="default-r2-r3.csv"' })
      : answer(200, { ...COMPARISON, revisions: [2, 3], rows: [] })),
  });
  assert.equal(page.requests.find((r) => r.url.pathname === COMPARE).url.search, '?from=2&to=3');
  assert.equal(main.querySelector('select[name=from] option[selected]').getAttribute('value'), '2');

  [...main.querySelectorAll('button')].find((b) => text(b) === 'Download CSV').click();
  await settle();
  const download = page.requests[page.requests.length - 1];
  assert.equal(download.url.search, '?from=2&to=3&format=csv');
  assert.equal(download.headers.authorization, 'Bearer ak_test', 'a plain link could not send the key');
  assert.equal(page.document.downloads.length, 1);
  assert.equal(page.document.downloads[0].getAttribute('download'), 'default-r2-r3.csv');
  assert.equal(await page.objectUrls[0].text(), csv);
});

test('the range compared: all revisions, at most the latest 20, as the route names them', async () => {
  const { range } = await load('view-revisions.js');
  const numbers = Array.from({ length: 25 }, (_, i) => i + 1);
  assert.deepEqual(range(new URLSearchParams(), numbers, 4), { from: 6, to: 25 });
  assert.deepEqual(range(new URLSearchParams('from=published&to=9'), numbers, 4), { from: 4, to: 9 });
  assert.deepEqual(range(new URLSearchParams('from=99'), numbers, 4), { from: 6, to: 25 }, 'no such revision');
  assert.deepEqual(range(new URLSearchParams('from=25&to=1'), numbers, 4), { from: 25, to: 6 }, 'read right to left');
  assert.deepEqual(range(new URLSearchParams(), [1], 1), { from: 1, to: 1 });
});

test('publish asks first, with the announce choice, then follows the re-score job', async () => {
  let posted;
  const { page, main } = await revisionsPage('', {
    ['POST ' + REVISIONS + '/3/publish']: (request) => {
      posted = request;
      return answer(202, { jobId: 'rs-1', type: 'rescore', status: 'queued' });
    },
  });
  main.querySelector('button[aria-label="Publish revision 3"]').click();
  assert.equal(posted, undefined, 'nothing is published before the confirmation');
  const panel = main.querySelector('.action-panel');
  assert.equal(panel.hidden, false);
  assert.equal(text(panel.querySelector('h3')), 'Publish revision 3');
  assert.equal(page.document.activeElement, panel.querySelector('h3'), 'the focus moves to the confirmation');
  const announce = panel.querySelector('input[name=announce]');
  assert.equal(announce.checked, false, 'silent by default');
  assert.equal(announce.closest('label').tagName, 'LABEL');

  [...panel.querySelectorAll('button')].find((b) => text(b) === 'Cancel').click();
  assert.equal(panel.hidden, true);
  assert.equal(page.document.activeElement.getAttribute('aria-label'), 'Publish revision 3', 'the focus goes back');

  main.querySelector('button[aria-label="Publish revision 3"]').click();
  panel.querySelector('input[name=announce]').click();
  panel.querySelector('button[type=submit]').click();
  await settle();
  assert.equal(posted.url.search, '?announce=true');
  assert.equal(location.hash, '#/job/rs-1');
  assert.deepEqual(JSON.parse(sessionStorage.getItem('leadscore.jobs')).map((j) => [j.jobId, j.type, j.revision]),
    [['rs-1', 'rescore', 3]], 'remembered for the revisions page');
});

test('a refused publish says why in the confirmation', async () => {
  const { main } = await revisionsPage('', {
    ['POST ' + REVISIONS + '/1/publish']: answer(409, { error: { code: 'rescore_running',
      message: 'a re-score of model default runs: job rs-1' } }),
  });
  main.querySelector('button[aria-label="Publish revision 1"]').click();
  const panel = main.querySelector('.action-panel');
  assert.equal(text(panel.querySelector('h3')), 'Roll back to revision 1');
  panel.querySelector('button[type=submit]').click();
  await settle();
  assert.match(text(panel.querySelector('[role=alert]')), /a re-score of model default runs: job rs-1 \(rescore_running\)/);
});

test('backtest posts the window and follows the job', async () => {
  let posted;
  const { main } = await revisionsPage('', {
    ['POST ' + REVISIONS + '/3/backtest']: (request) => {
      posted = request;
      return answer(202, { jobId: 'bt-9', type: 'backtest', status: 'queued' });
    },
  });
  main.querySelector('button[aria-label="Backtest revision 3"]').click();
  const panel = main.querySelector('.action-panel');
  panel.querySelector('input[name=from]').value = '2026-09-28';
  panel.querySelector('button[type=submit]').click();
  await settle();
  assert.equal(posted.url.searchParams.get('from'), '2026-09-28T00:00:00.000Z');
  assert.equal(posted.url.searchParams.has('to'), false, 'an open end is left out');
  assert.equal(location.hash, '#/job/bt-9');
});

test('one revision: its notes, notes by setting, and its YAML', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const page = openPage({ routes: revisionRoutes({
    ['GET ' + REVISIONS + '/3']: { ...LISTING.revisions[2], modelId: 'default',
      ruleNotes: { 'rule:trial-signup': 'Sales asked for it' }, yaml: 'model: default\nrules: []\n' },
  }) });
  const { revisionView } = await load('view-revisions.js');
  const main = show(page, await revisionView({ segments: ['model', 'revisions', '3'], params: new URLSearchParams() }));
  assert.equal(text(main.querySelector('h1')), 'Revision 3');
  assert.equal(text(main.querySelector('pre.yaml')), 'model: default rules: []');
  assert.equal(main.querySelector('pre.yaml').getAttribute('tabindex'), '0', 'scrollable by keyboard');
  assert.match(text(main), /rule:trial-signup Sales asked for it/);
  assert.equal(main.querySelector('a.button-link').getAttribute('href'), '#/model/revisions?from=2&to=3',
    'compared with the published revision');
  [...main.querySelectorAll('button')].find((b) => text(b) === 'Download YAML').click();
  await settle();
  assert.equal(page.document.downloads[0].getAttribute('download'), 'default-r3.yaml');
  assert.equal(await page.objectUrls[0].text(), 'model: default\nrules: []\n');
});

test('a backtest report: histogram and weekly crossings side by side, thresholds, rules and changed leads', async () => {
  openPage();
  const { backtestReport } = await load('view-job.js');
  const report = BACKTEST_JOB.report;
  const main = show({ document }, backtestReport(report));

  const histogram = main.querySelector('.chart-box.histogram svg');
  assert.equal(histogram.getAttribute('role'), 'img');
  assert.match(histogram.getAttribute('aria-label'), /r1 \(published\) beside r2/);
  assert.equal(histogram.querySelectorAll('rect.column.baseline').length, report.histogram.buckets.length);
  assert.equal(histogram.querySelectorAll('rect.column.candidate').length, report.histogram.buckets.length);
  const heights = histogram.querySelectorAll('rect.column.baseline').map((bar) => Number(bar.getAttribute('height')));
  assert.ok(heights[0] > heights[1] && heights[1] > heights[heights.length - 1], 'bars scale with their counts');
  assert.equal(text(histogram.querySelector('g.category title')), 'Score 0 to 9: r1 (published) 400, r2 412');

  const weekly = main.querySelector('.chart-box.weekly svg');
  assert.equal(weekly.querySelectorAll('path.series-line').length, 2, 'a line per revision');
  assert.equal(weekly.querySelectorAll('circle.point.candidate').length, report.crossingsPerWeek.length);
  assert.deepEqual(weekly.querySelectorAll('text.tick.x').map(text).slice(0, 2), ['W40', 'W41']);
  assert.match(text(main), /108 under r1 \(published\), 82 under r2/);

  const levels = main.querySelectorAll('section.card')[2];
  assert.match(text(levels.querySelector('h2')), /at or above/);
  assert.deepEqual(levels.querySelectorAll('tbody tr')[0].querySelectorAll('td').map(text),
    ['salesReady', '100', '40', '24', '−16']);
  assert.deepEqual(levels.querySelectorAll('tbody tr')[2].querySelectorAll('td').map(text),
    ['platform salesReady', '80', '52', '41', '−11'], 'a group\'s threshold, named with its group');

  const changed = main.querySelectorAll('section.card')[3];
  assert.match(text(changed), /31 qualifications end differently; the 3 with the largest score difference are listed/);
  const first = changed.querySelectorAll('tbody tr')[0].querySelectorAll('td');
  assert.equal(first[0].querySelector('a').getAttribute('href'), '#/lead/dana%40acme.example');
  assert.deepEqual(first.slice(2).map(text), ['qualified', 'not qualified', '105 → 95', 'pricing-page 45 → 30 −15']);

  const rules = main.querySelectorAll('section.card')[4];
  assert.deepEqual(rules.querySelectorAll('tr.differs').map((tr) => text(tr.querySelector('td'))), ['pricing-page'],
    'the rule whose points differ is highlighted');
  assert.equal(rules.querySelectorAll('tbody tr').length, report.rules.length);
  assert.ok(main.querySelectorAll('details.figures table').length === 2, 'the charts\' figures as tables');
});

test('a job is followed until it is done, then shows its report', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let status = 'running';
  const page = openPage({ routes: { 'GET /v1/jobs/bt-20261201-7f3a': () => answer(200, status === 'running'
    ? { ...BACKTEST_JOB, status, report: undefined, segments: { total: 4, done: 1 }, leads: { done: 300, total: 1200,
      changed: 8, unchanged: 292, errors: 0 } }
    : BACKTEST_JOB) } });
  const { jobView, FOLLOW_EVERY_MS } = await load('view-job.js');
  const main = show(page, await jobView({ segments: ['job', 'bt-20261201-7f3a'], params: new URLSearchParams() }));
  assert.match(text(main.querySelector('h1')), /Backtest of revision 2 running/);
  const bar = main.querySelector('progress');
  assert.equal([bar.getAttribute('value'), bar.getAttribute('max')].join('/'), '300/1200', 'leads, once counted');
  assert.match(text(main.querySelector('[role=status]')), /1 of 4 segments done · 300 leads of 1,200 replayed/);
  assert.equal(main.querySelector('.report'), null);

  status = 'done';
  t.mock.timers.tick(FOLLOW_EVERY_MS);
  await settle();
  assert.match(text(main.querySelector('h1')), /Backtest of revision 2 done/);
  assert.ok(main.querySelector('.report .chart-box.histogram svg'), 'the report, once done');
  const asked = page.requests.length;
  t.mock.timers.tick(FOLLOW_EVERY_MS * 10);
  await settle();
  assert.equal(page.requests.length, asked, 'a finished job is not asked again');
});

test('a re-score job shows its progress and errors; a page left stops following it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const page = openPage({ routes: { 'GET /v1/jobs/rs-1': { jobId: 'rs-1', type: 'rescore', modelId: 'default',
    revision: 3, status: 'waiting', createdAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T09:00:01Z',
    segments: { total: 8, done: 0 }, leads: { done: 0, changed: 0, unchanged: 0, errors: 1 },
    errors: [{ leadId: 'dana', error: 'TransactionCanceled' }] } } });
  const { jobView, FOLLOW_EVERY_MS } = await load('view-job.js');
  const main = show(page, await jobView({ segments: ['job', 'rs-1'], params: new URLSearchParams() }));
  assert.match(text(main), /Publish of revision 3 waiting/);
  assert.match(text(main), /Waiting until no scoring batch still runs under the old revision/);
  assert.match(text(main), /dana TransactionCanceled/);

  page.document.body.replaceChildren();
  const asked = page.requests.length;
  t.mock.timers.tick(FOLLOW_EVERY_MS * 3);
  await settle();
  assert.equal(page.requests.length, asked, 'not asked again once the page shows another view');
});

test('a lead page shows the stage, and who moved it there and why', async () => {
  const lead = {
    leadId: 'dana', score: 10, fit: 5, grade: 'F', engagement: 5, thresholds: [], groups: [], breakdown: [], profile: {},
    stage: 'lost', recentLedger: [], notifications: [],
    stageHistory: [
      { from: 'lead', to: 'mql', who: 'leadscore', why: 'reached salesReady (100) at 100 points, default@1' },
      { from: 'mql', to: 'lost', who: 'sam@acme.example', why: 'Went with a competitor', feedbackId: 'crm-1' },
    ],
  };
  const page = openPage({ routes: {
    'GET /v1/model': { id: 'default', version: 1, thresholds: [], groups: [], rules: [] },
    'GET /v1/leads/dana': lead,
    'GET /v1/leads/dana/ledger': { items: [], next: null },
  } });
  const { leadView } = await load('view-lead.js');
  const main = show(page, await leadView({ segments: ['lead', 'dana'], params: new URLSearchParams() }));
  const stage = main.querySelector('.badge.stage');
  assert.equal(text(stage), 'stage lost');
  assert.equal(stage.getAttribute('title'), 'sam@acme.example: Went with a competitor');
  const fit = main.querySelectorAll('.tile').find((tile) => text(tile.querySelector('.label')) === 'Fit');
  assert.equal(text(fit.querySelector('.sub')), 'grade F · who they are', 'the fit grade beside the fit');
});

test('a lead page shows the latest NPS answer, its class and when; none before an answer', async () => {
  const lead = {
    leadId: 'dana', score: 10, fit: 5, grade: 'F', engagement: 5, thresholds: [], groups: [], breakdown: [], profile: {},
    stage: 'won', stageHistory: [], recentLedger: [], notifications: [],
    nps: { score: 4, at: '2026-11-23T11:01:00Z', category: 'detractor' },
  };
  const routes = {
    'GET /v1/model': { id: 'default', version: 1, thresholds: [], groups: [], rules: [] },
    'GET /v1/leads/dana': lead,
    'GET /v1/leads/dana/ledger': { items: [], next: null },
  };
  const page = openPage({ routes });
  const { leadView } = await load('view-lead.js');
  const nps = show(page, await leadView({ segments: ['lead', 'dana'], params: new URLSearchParams() }))
    .querySelector('.badge.nps');
  assert.equal(text(nps), 'NPS 4 · detractor');
  assert.equal(nps.getAttribute('class'), 'badge nps bad', 'a detractor stands out');
  assert.match(nps.getAttribute('title'), /^answered .*2026/);

  const unanswered = openPage({ routes: { ...routes, 'GET /v1/leads/dana': { ...lead, nps: null } } });
  const main = show(unanswered, await leadView({ segments: ['lead', 'dana'], params: new URLSearchParams() }));
  assert.equal(main.querySelector('.badge.nps'), null);
});

test('the leads list shows each lead\'s fit grade in its own column', async () => {
  const page = openPage({ routes: {
    'GET /v1/model': { id: 'default', version: 1, thresholds: [], groups: [], rules: [] },
    'GET /v1/leads': { items: [
      { leadId: 'ana', score: 90, fit: 42, grade: 'A', engagement: 48, groups: {}, qualified: [] },
      { leadId: 'bo', score: 30, fit: 5, grade: 'F', engagement: 25, groups: {}, qualified: [] },
    ], next: null },
  } });
  const { leadsView } = await load('view-leads.js');
  const main = show(page, await leadsView({ segments: ['leads'], params: new URLSearchParams() }));
  const headers = main.querySelectorAll('th').map(text);
  const column = headers.indexOf('Grade');
  assert.equal(headers[column - 1], 'Fit', 'beside the fit');
  assert.deepEqual(main.querySelectorAll('tbody tr').map((tr) => text(tr.querySelectorAll('td')[column])), ['A', 'F']);
});

const GRADED_MODEL = { id: 'default', version: 1, thresholds: [], groups: [], rules: [],
  grades: { A: 40, B: 30, C: 20, D: 10 } };

async function leadsPage(params, leads) {
  const page = openPage({ routes: { 'GET /v1/model': GRADED_MODEL, 'GET /v1/leads': leads } });
  (await load('api.js')).forgetModelInForce(); // asked once per page load: this test's page is a new load
  const { leadsView } = await load('view-leads.js');
  const main = show(page, await leadsView({ segments: ['leads'], params: new URLSearchParams(params) }));
  return { page, main };
}

test('a segment in the address is asked of the API, shown checked in the form, and the stage has a column', async () => {
  const { page, main } = await leadsPage('minScore=50&maxScore=100&stage=mql,sql&grade=A,B&order=asc', { items: [
    { leadId: 'bo', score: 55, fit: 31, grade: 'B', engagement: 24, groups: {}, qualified: [], stage: 'sql' },
    { leadId: 'ana', score: 90, fit: 42, grade: 'A', engagement: 48, groups: {}, qualified: [], stage: 'mql' },
  ], next: null });

  const asked = page.requests.find((r) => r.url.pathname === '/v1/leads').url.searchParams;
  assert.deepEqual(['minScore', 'maxScore', 'stage', 'grade', 'order'].map((name) => asked.get(name)),
      ['50', '100', 'mql,sql', 'A,B', 'asc']);
  assert.match(text(main.querySelector('.view-head')), /Ranked by score, lowest first/);
  const checked = (name) => main.querySelectorAll(`input[name=${name}]`).filter((c) => c.checked).map((c) => c.value);
  assert.deepEqual(checked('stage'), ['mql', 'sql']);
  assert.deepEqual(main.querySelectorAll('input[name=grade]').map((c) => c.value), ['A', 'B', 'C', 'D', 'F'],
      'the model\'s grades, and F');
  assert.deepEqual(checked('grade'), ['A', 'B']);
  assert.equal(main.querySelector('input[name=minScore]').value, '50');
  assert.equal(main.querySelector('select[name=order] option[selected]').getAttribute('value'), 'asc');
  const headers = main.querySelectorAll('th').map(text);
  assert.deepEqual(main.querySelectorAll('tbody tr').map((tr) => text(tr.querySelectorAll('td')[headers.indexOf('Stage')])),
      ['sql', 'mql']);
});

test('applying the form puts the segment in the address, a comma list per group of boxes', async () => {
  const { main } = await leadsPage('', { items: [], next: null });
  const form = main.querySelector('form.filters');
  main.querySelector('input[name=minScore]').value = ' 20 ';
  main.querySelector('input[name=maxScore]').value = '60';
  main.querySelector('select[name=order]').value = 'asc';
  for (const value of ['lead', 'recycled']) main.querySelector(`input[name=stage][value=${value}]`).click();
  main.querySelector('input[name=grade][value=F]').click();
  form.querySelector('button[type=submit]').click();

  assert.ok(location.hash.startsWith('#/leads?'), location.hash);
  const params = new URLSearchParams(location.hash.slice('#/leads?'.length));
  assert.deepEqual(Object.fromEntries(params), { minScore: '20', maxScore: '60', order: 'asc', stage: 'lead,recycled',
    grade: 'F' });
});

test('Download CSV follows the pages of the filtered list and saves them as one file', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const first = '\uFEFFleadId,email,name,score\r\nana,ana@acme.example,"Zoë ""Z"" O\'Brien, Jr.",90\r\n';
  const second = 'bo,bo@acme.example,Bo,55\r\n';
  const { page, main } = await leadsPage('stage=mql&order=asc', (request) => {
    const query = request.url.searchParams;
    if (query.get('format') !== 'csv') return answer(200, { items: [], next: null });
    return query.get('cursor') === 'page-2' ? answer(200, second, { 'content-type': 'text/csv' })
      : answer(200, first, { 'content-type': 'text/csv', 'x-next-cursor': 'page-2' });
  });

  [...main.querySelectorAll('button')].find((b) => text(b) === 'Download CSV').click();
  await settle();
  const downloads = page.requests.filter((r) => r.url.searchParams.get('format') === 'csv');
  assert.deepEqual(downloads.map((r) => r.url.search), ['?stage=mql&order=asc&format=csv&limit=100',
    '?stage=mql&order=asc&format=csv&limit=100&cursor=page-2']);
  assert.deepEqual(downloads.map((r) => r.headers.authorization), ['Bearer ak_test', 'Bearer ak_test']);
  assert.equal(page.document.downloads[0].getAttribute('download'), 'leads.csv');
  assert.equal(Buffer.from(await page.objectUrls[0].arrayBuffer()).toString('utf8'), first + second, 'one BOM, at the start');
});

test('an account page shows its stage, who moved it and why, its history newest first and each member\'s stage', async () => {
  const account = {
    accountId: 'acme.example', score: 230, groups: [], thresholds: [], notifications: [],
    coverage: { engagedMembers: 2, roles: ['decisionMaker', 'champion'], requiredRoles: 2, met: true },
    members: [
      { leadId: 'dana', score: 150, contribution: 150, role: 'decisionMaker', engaged: true, stage: 'sql' },
      { leadId: 'ed', score: 80, contribution: 80, role: 'champion', engaged: true, stage: 'mql' },
    ],
    stage: 'sql',
    stageHistory: [
      { from: 'account', to: 'mqa', at: '2026-11-20T10:00:00Z', who: 'leadscore', why: 'reached salesReady (200) at 210 points, default@1', leadId: 'ed' },
      { from: 'mqa', to: 'sql', at: '2026-11-23T10:00:00Z', who: 'sam@acme.example', why: 'dana moved to sql: Budget confirmed', leadId: 'dana' },
    ],
  };
  const page = openPage({ routes: { 'GET /v1/accounts/acme.example': account } });
  const { accountView } = await load('view-accounts.js');
  const main = show(page, await accountView({ segments: ['account', 'acme.example'], params: new URLSearchParams() }));

  const stage = main.querySelector('.badge.stage');
  assert.equal(text(stage), 'stage sql');
  assert.equal(stage.getAttribute('title'), 'sam@acme.example: dana moved to sql: Budget confirmed');
  const cards = main.querySelectorAll('.card');
  const history = cards.find((card) => /Stage history/.test(text(card)));
  const rows = history.querySelectorAll('tbody tr').map((row) => row.querySelectorAll('td').map(text));
  assert.deepEqual(rows, [
    ['2026-11-23T10:00:00Z', 'mqa → sql', 'sam@acme.example', 'dana moved to sql: Budget confirmed'],
    ['2026-11-20T10:00:00Z', 'account → mqa', 'leadscore', 'reached salesReady (200) at 210 points, default@1'],
  ]);
  const members = cards.find((card) => /Members/.test(text(card)));
  assert.deepEqual(members.querySelectorAll('tbody tr').map((row) => text(row.querySelectorAll('td').at(-1))),
      ['sql', 'mql']);
});

test('a lead page shows the points to expire, and expiry entries in the chart and the ledger', async () => {
  const expiry = {
    leadId: 'dana', reason: 'expiry', eventId: 'expiry-w1', eventType: 'expiry', occurredAt: '2026-11-30T09:00:00Z',
    change: -20, scoreAfter: 20, model: 'expiring@1',
    contributions: [{ rule: 'webinar', kind: 'ENGAGEMENT', group: null, points: -20,
      note: 'points from 2026-09-01 expired (expires: 90d)' }],
  };
  const earned = (eventId, occurredAt, scoreAfter) => ({ leadId: 'dana', reason: 'event', eventId, eventType: 'webinar',
    occurredAt, change: 20, scoreAfter, model: 'expiring@1',
    contributions: [{ rule: 'webinar', kind: 'ENGAGEMENT', group: null, points: 20, note: null }] });
  const lead = {
    leadId: 'dana', score: 20, fit: 0, grade: null, engagement: 20, thresholds: [], groups: [], breakdown: [],
    profile: {}, stage: 'lead', stageHistory: [], recentLedger: [], notifications: [],
    expiring: [{ rule: 'webinar', description: 'Attended a webinar', group: null, points: 20,
      earnedAt: '2026-09-11T09:00:00Z', at: '2026-12-10T09:00:00Z' }],
  };
  const page = openPage({ routes: {
    'GET /v1/model': { id: 'expiring', version: 1, thresholds: [], groups: [], rules: [] },
    'GET /v1/leads/dana': lead,
    'GET /v1/leads/dana/ledger': { items: [earned('w1', '2026-09-01T09:00:00Z', 20),
      earned('w2', '2026-09-11T09:00:00Z', 40), expiry], next: null },
  } });
  const { leadView } = await load('view-lead.js');
  const main = show(page, await leadView({ segments: ['lead', 'dana'], params: new URLSearchParams() }));

  const cards = main.querySelectorAll('.card');
  const pending = cards.find((card) => /Points to expire/.test(text(card)));
  assert.match(text(pending), /Attended a webinar.*webinar.*\+20/);
  const mark = main.querySelector('.mark.expiry');
  assert.ok(mark, 'the expiry has its own marker');
  const titles = main.querySelectorAll('.entry').map((entry) => text(entry.querySelector('title')));
  assert.match(titles[2], /: points expired −20 → 20 webinar −20: points from 2026-09-01 expired \(expires: 90d\)$/);
  assert.equal(text(main.querySelector('.badge.expiry')), 'expiry', 'the ledger names the reason');
});
