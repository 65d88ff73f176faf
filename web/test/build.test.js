'use strict';
// The minified script is committed so that the ingest jar serves it without Node; these tests keep it equal to
// what `npm run build` makes from src/track.js now, and small.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { minify } = require('terser');
const { Browser } = require('./browser');

const ROOT = path.join(__dirname, '..');
const MINIFIED = path.join(ROOT, 'src/main/resources/io/leadscore/web/track.min.js');
const MAX_BYTES = 5120;

test('the committed track.min.js is what `npm run build` makes from src/track.js', async () => {
  const options = JSON.parse(fs.readFileSync(path.join(ROOT, 'terser.json'), 'utf8'));
  const { code } = await minify(fs.readFileSync(path.join(ROOT, 'src/track.js'), 'utf8'), options);
  assert.equal(fs.readFileSync(MINIFIED, 'utf8'), code, 'run `npm run build` in web/ and commit track.min.js');
});

test('track.min.js is under 5 KB, as big as the README says', (t) => {
  const bytes = fs.readFileSync(MINIFIED);
  const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
  t.diagnostic(`track.min.js: ${bytes.length} bytes, ${gzipped} gzipped`);
  assert.ok(bytes.length < MAX_BYTES, bytes.length + ' bytes');
  const kb = (n) => (n / 1024).toFixed(1) + ' KB';
  const claim = `${kb(bytes.length)} minified, ${kb(gzipped)} gzipped`;
  assert.ok(fs.readFileSync(path.join(ROOT, '..', 'README.md'), 'utf8').includes(claim), 'README.md says: ' + claim);
});

test('the minified script works like the source', async () => {
  const browser = new Browser();
  const page = browser.open({ source: MINIFIED, calls: [['identify', 'dana@acme.example']] });
  await page.tick(1000);
  assert.deepEqual(browser.sentEvents().map((event) => [event.type, event.leadId]),
    [['identify', 'dana@acme.example'], ['page_view', 'dana@acme.example']]);
});
