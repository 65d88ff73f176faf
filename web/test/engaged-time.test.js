'use strict';
// Time on page: track.js counts the time a page is visible and its visitor active, and sends it as page_engaged
// when the page is hidden or left. The fake browser's clock (performance.now) is the page's timer clock.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, element } = require('./browser');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PRICING = 'https://www.acme.example/pricing';

function engagements(browser) {
  return browser.sentEvents().filter((event) => event.type === 'page_engaged');
}

/** The visitor does something (fires `type`) every `every` ms for `ms` ms. */
async function busy(page, ms, every = 5000, type = 'mousemove') {
  for (let spent = 0; spent < ms; spent += every) {
    await page.tick(Math.min(every, ms - spent));
    page.fire(type, page.document);
  }
}

test('visible and active time is sent once, on hide, with the url and whole seconds, by beacon', async () => {
  const browser = new Browser();
  const page = browser.open({ url: PRICING + '?token=s3cret#plans' });
  await busy(page, 30_000, 10_000, 'scroll');
  await page.tick(2_500);
  page.leave();

  const beacons = browser.requests.filter((request) => request.via === 'beacon');
  const sent = engagements(browser);
  assert.equal(sent.length, 1, 'hidden then pagehide: one event');
  assert.deepEqual(sent[0].properties, { url: PRICING, seconds: 32 }, 'the address as the page view sends it');
  assert.ok(beacons.some((beacon) => beacon.events.includes(sent[0])), 'in a beacon, which outlives the page');
  assert.match(sent[0].eventId, UUID);
  assert.equal(sent[0].anonymousId, browser.sentEvents()[0].anonymousId, 'the visitor of the page view');
});

test('a tab left open stops counting at the idle timeout, 15 s by default or data-idle-timeout', async () => {
  for (const [attributes, seconds] of [[{}, 15], [{ 'data-idle-timeout': '40' }, 40]]) {
    const browser = new Browser();
    const page = browser.open({ attributes: { 'data-write-key': 'wk_test', ...attributes } });
    await page.tick(10 * 60_000);
    page.leave();
    assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [seconds]);
  }

  const browser = new Browser();
  const page = browser.open();
  await page.tick(60_000);
  page.fire('keydown', page.document); // back after a minute away: 15 s, then counting again from the key
  await page.tick(4_000);
  page.leave();
  assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [19]);
});

test('hidden time does not count; a later hide sends the time engaged since, as another event', async () => {
  const browser = new Browser();
  const page = browser.open();
  await busy(page, 20_000);
  page.show('hidden');
  const first = engagements(browser);
  assert.deepEqual(first.map((event) => event.properties.seconds), [20], 'sent on hide, before the page is left');

  await page.tick(30 * 60_000);
  page.show('visible'); // coming back to the tab is activity
  await busy(page, 7_000, 3_500, 'touchstart');
  page.leave();

  const sent = engagements(browser);
  assert.deepEqual(sent.map((event) => [event.properties.url, event.properties.seconds]), [[PRICING, 20], [PRICING, 7]]);
  assert.notEqual(sent[0].eventId, sent[1].eventId, 'each with its own id');
});

test('pagehide alone sends the time too', async () => {
  const browser = new Browser();
  const page = browser.open();
  await page.tick(9_000);
  page.fire('pagehide', page.window, 'window');
  assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [9]);
  assert.equal(browser.requests.at(-1).via, 'beacon');
});

test('under a second nothing is sent; the fraction waits for the next hide', async () => {
  const browser = new Browser();
  const page = browser.open();
  await page.tick(800);
  page.show('hidden');
  assert.deepEqual(engagements(browser), []);

  page.show('visible');
  await page.tick(700);
  page.show('hidden');
  page.show('visible');
  await page.tick(600);
  page.leave();
  // 0.8 + 0.7 = 1.5: 1 s sent, 0.5 kept; 0.5 + 0.6 = 1.1: 1 s.
  assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [1, 1]);
});

test('a single-page app navigation (leadscore page) closes the time of the page it leaves', async () => {
  const browser = new Browser();
  const page = browser.open({ url: 'https://www.acme.example/app#/pricing' });
  await busy(page, 40_000, 10_000);
  page.window.location.href = 'https://www.acme.example/app#/demo';
  page.call('page');
  await page.tick(5_000);
  page.leave();

  assert.deepEqual(browser.sentEvents().map((event) => [event.type, event.properties.url, event.properties.seconds]), [
    ['page_view', 'https://www.acme.example/app#/pricing', undefined],
    ['page_engaged', 'https://www.acme.example/app#/pricing', 40],
    ['page_view', 'https://www.acme.example/app#/demo', undefined],
    ['page_engaged', 'https://www.acme.example/app#/demo', 5],
  ]);
});

test('a playing video keeps the visitor active without a mouse move', async () => {
  const browser = new Browser();
  const page = browser.open();
  const video = element('video', { 'data-leadscore-video': 'tour' }, { duration: 600, currentTime: 0 });
  for (let second = 10; second <= 120; second += 10) {
    await page.tick(10_000);
    video.currentTime = second;
    page.fire('timeupdate', video);
  }
  page.leave();
  assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [120]);
});

test('a page opened in a background tab counts from when it is shown', async () => {
  const browser = new Browser();
  const page = browser.open({ hidden: true });
  await page.tick(60_000);
  page.show('visible');
  await page.tick(12_000);
  page.leave();
  assert.deepEqual(engagements(browser).map((event) => event.properties.seconds), [12]);
});

test('data-no-engaged-time turns time on page off; the page view is still sent', async () => {
  const sent = [];
  for (const attributes of [{}, { 'data-no-engaged-time': '' }]) {
    const browser = new Browser();
    const page = browser.open({ attributes: { 'data-write-key': 'wk_test', ...attributes } });
    await busy(page, 60_000);
    page.leave();
    sent.push(browser.sentEvents().map((event) => event.type));
  }
  assert.deepEqual(sent, [['page_view', 'page_engaged'], ['page_view']]);
});
