'use strict';
// Issue 19's competitor and job-change signals on a lead's page: the competitor badge, and the ledger's notes that say
// why fit moved.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, openPage, show, text } = require('./dashboard-page');

const WHY = 'works at a listed competitor (company: Globex)';

function lead(competitor) {
  return {
    leadId: 'dana', score: 35, fit: 0, grade: 'F', engagement: 35, thresholds: [], groups: [], breakdown: [],
    profile: { company: 'Globex' }, stage: 'lead', stageHistory: [], recentLedger: [], notifications: [], competitor,
  };
}

async function leadPage(competitor) {
  const page = openPage({ routes: {
    'GET /v1/model': { id: 'default', version: 2, thresholds: [], groups: [], rules: [] },
    'GET /v1/leads/dana': lead(competitor),
    'GET /v1/leads/dana/ledger': { items: [{
      leadId: 'dana', reason: 'event', eventId: 'join', eventType: 'profile_update', occurredAt: '2026-11-23T11:00:00Z',
      change: -15, scoreAfter: 35, contributions: [
        { rule: 'title-decision-maker', kind: 'FIT', group: null, points: -5, note: WHY },
        { rule: 'target-industry', kind: 'FIT', group: null, points: -10, note: WHY },
      ] }], next: null },
  } });
  const { leadView } = await load('view-lead.js');
  return show(page, await leadView({ segments: ['lead', 'dana'], params: new URLSearchParams() }));
}

test('a competitor\'s lead page says so, and its ledger says why its fit was taken back', async () => {
  const main = await leadPage(true);

  const badge = main.querySelector('.badge.competitor');
  assert.equal(text(badge), 'competitor');
  assert.match(badge.getAttribute('title'), /no fit points, never announced to sales/);
  const rules = main.querySelectorAll('ul.contributions li').map(text);
  assert.deepEqual(rules, [`\u22125 title-decision-maker ${WHY}`, `\u221210 target-industry ${WHY}`], 'signed with a minus sign');

  assert.equal((await leadPage(false)).querySelector('.badge.competitor'), null);
});

test('the revision table shows the competitors row under its own heading, after the fit rules', async () => {
  const { comparisonTable } = await load('view-revisions.js');
  const cells = (values, changed) => values.map((value, i) => ({ revision: i + 1, value, changed: changed[i], note: null }));
  const table = show(openPage({ routes: {} }), comparisonTable({ modelId: 'default', revisions: [1, 2], rows: [
    { key: 'account:aggregate', section: 'account', label: 'Account score', cells: cells(['sum', 'sum'], [false, false]) },
    { key: 'competitors', section: 'competitors', label: 'Competitors',
      cells: cells([null, 'company in [Globex]'], [false, true]) },
    { key: 'fit:free-mail', section: 'fit', label: 'Uses a free mail address', cells: cells(['-5', '-5'], [false, false]) },
  ] }));

  assert.deepEqual(table.querySelectorAll('tr.section th').map(text), ['Fit rules', 'Competitors', 'Accounts']);
  assert.equal(table.querySelector('tr[data-key="competitors"] td[data-revision="2"]').className, 'cell changed');
});
