'use strict';
// The dashboard's API reference (#/api): the repository's openapi.json, as GET /v1/openapi.json serves it, rendered
// in a fake page: every route with its access, parameters and answers; a link from every page's tabs.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { answer, load, openPage, show, text } = require('./dashboard-page');

const DESCRIPTION = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
const OPERATIONS = Object.entries(DESCRIPTION.paths).flatMap(([route, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`));

async function referencePage(routes) {
  const page = openPage({ routes });
  const { apiView } = await load('view-api.js');
  return { page, main: show(page, await apiView()) };
}

test('the reference renders every route of openapi.json, read from GET /v1/openapi.json', async () => {
  const { page, main } = await referencePage({ 'GET /v1/openapi.json': DESCRIPTION });
  assert.deepEqual(page.requests.map((r) => `${r.method} ${r.url.pathname}`), ['GET /v1/openapi.json']);
  assert.ok(OPERATIONS.length >= 27, `${OPERATIONS.length} routes described`);
  assert.deepEqual(main.querySelectorAll('h3').map(text).sort(), OPERATIONS.slice().sort());
  assert.match(text(main.querySelector('h1')), /leadscore HTTP API OpenAPI 3\.1\.0/);
});

test('each route shows who may call it, its parameters and every answer it declares', async () => {
  const { main } = await referencePage({ 'GET /v1/openapi.json': DESCRIPTION });
  const route = (key) => main.querySelectorAll('section.card').find((c) => text(c.querySelector('h3') || c) === key);
  const events = text(route('POST /v1/events'));
  assert.match(events, /writeKey writeKeyQuery/);
  for (const status of Object.keys(DESCRIPTION.paths['/v1/events'].post.responses)) {
    assert.match(events, new RegExp(`\\b${status}\\b`), `status ${status} of POST /v1/events`);
  }
  const lead = text(route('GET /v1/leads/{leadId}'));
  assert.match(lead, /iam localAdminKey/);
  assert.match(lead, /leadId path, required/);
  assert.match(lead, /application\/json Lead/);
  assert.match(text(route('GET /v1/track.js')), /public/);
});

test('a description the API does not serve is said so, not a blank page', async () => {
  const { main } = await referencePage({ 'GET /v1/openapi.json': answer(404, { message: 'Not Found' }) });
  assert.equal(main.querySelectorAll('h3').length, 0);
  assert.match(text(main), /API description/);
});

test('every page links to the reference from its tabs', () => {
  const index = fs.readFileSync(path.join(__dirname, '..', 'dashboard', 'index.html'), 'utf8');
  assert.match(index, /<a href="#\/api" data-tab="api">API<\/a>/);
  const app = fs.readFileSync(path.join(__dirname, '..', 'dashboard', 'app.js'), 'utf8');
  assert.match(app, /api: apiView/);
});
