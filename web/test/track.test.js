'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, element } = require('./browser');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DELAY = 1000;

function types(events) {
  return events.map((event) => event.type);
}

test('a page view is sent on load, with url, title and referrer (their search terms left out)', async () => {
  const browser = new Browser();
  const page = browser.open({ referrer: 'https://search.example/?q=lead+scoring' });
  assert.equal(browser.requests.length, 0, 'batched: nothing before the timer');

  await page.tick(DELAY);

  assert.equal(browser.requests.length, 1);
  const [request] = browser.requests;
  assert.equal(request.url, 'https://api.leadscore.example/v1/events?writeKey=wk_test');
  assert.equal(request.init.method, 'POST');
  assert.equal(typeof request.init.body, 'string', 'a string body goes as text/plain;charset=UTF-8');
  assert.equal(request.init.headers, undefined, 'no custom header: a CORS simple request, no preflight');
  const [view] = request.events;
  assert.equal(view.type, 'page_view');
  assert.deepEqual(view.properties, {
    url: 'https://www.acme.example/pricing', title: 'Pricing', referrer: 'https://search.example/',
  });
  assert.match(view.eventId, UUID);
  assert.match(view.anonymousId, UUID);
  assert.ok(!Number.isNaN(Date.parse(view.timestamp)) && view.timestamp.endsWith('Z'));
  assert.deepEqual(Object.keys(view).sort(), ['anonymousId', 'eventId', 'properties', 'timestamp', 'type']);
});

test('an empty referrer is left out, and data-endpoint names the API when the script is hosted elsewhere', async () => {
  const browser = new Browser();
  const page = browser.open({
    attributes: { 'data-write-key': 'wk a/b', 'data-endpoint': 'https://track.acme.example/' },
  });
  await page.tick(DELAY);
  assert.equal(browser.requests[0].url, 'https://track.acme.example/v1/events?writeKey=wk%20a%2Fb');
  assert.equal('referrer' in browser.requests[0].events[0].properties, false);
});

test('without a write key the script does nothing', async () => {
  const browser = new Browser();
  const page = browser.open({ attributes: {} });
  await page.tick(60_000);
  assert.equal(browser.requests.length, 0);
  assert.deepEqual(browser.storageAccess, []);
});

test('a form submission sends the form id, and the email when the form has an email input', async () => {
  const browser = new Browser();
  const page = browser.open();
  const withEmail = element('form', { id: 'demo-request' }).append(
    element('input', { name: 'name' }, { value: 'Dana' }),
    element('div').append(element('input', { type: 'email', name: 'work' }, { value: ' dana@acme.example ' })));
  const withoutEmail = element('form', { name: 'newsletter-prefs' })
    .append(element('input', { name: 'topic' }, { value: 'x' }));
  const emptyEmail = element('form', { id: 'contact' }).append(element('input', { name: 'email' }, { value: '' }));

  page.fire('submit', withEmail);
  page.fire('submit', withoutEmail);
  page.fire('submit', emptyEmail);
  await page.tick(DELAY);

  const visitor = browser.sentEvents()[0].anonymousId;
  const forms = browser.sentEvents().filter((event) => event.type === 'form_submit');
  assert.deepEqual(forms.map((event) => event.properties), [
    { formId: 'demo-request', email: 'dana@acme.example', url: 'https://www.acme.example/pricing', anonymousId: visitor },
    { formId: 'newsletter-prefs', url: 'https://www.acme.example/pricing' },
    { formId: 'contact', url: 'https://www.acme.example/pricing' },
  ], 'no other field of the form is sent; the email identifies the visitor it was');
  assert.deepEqual(forms.map((event) => event.leadId), ['dana@acme.example', 'dana@acme.example', 'dana@acme.example'],
    'the form with an email makes the visitor that lead, for this event and the next');
});

test('a link from an email (?ls_lead=) identifies the visitor who clicked it, once', async () => {
  const browser = new Browser();
  const first = browser.open({ url: 'https://www.acme.example/webinar?utm_source=mail&ls_lead=crm-00042#top' });
  await first.tick(DELAY);
  await browser.open({ url: 'https://www.acme.example/webinar?ls_lead=crm-00042' }).tick(DELAY);

  const [identify, view, again] = browser.sentEvents();
  assert.equal(identify.type, 'identify');
  assert.equal(identify.leadId, 'crm-00042');
  assert.equal(typeof identify.properties.anonymousId, 'string');
  assert.equal(view.leadId, 'crm-00042');
  assert.equal(view.properties.url, 'https://www.acme.example/webinar', 'no query string, no fragment');
  assert.equal(again.type, 'page_view', 'known already: no second identify');
  assert.deepEqual(first.replaced, ['https://www.acme.example/webinar?utm_source=mail#top'],
    'the lead id leaves the address bar, the rest stays');
});

test('addresses are sent without query string and fragment, but for a hash route and the parameters kept', async () => {
  const browser = new Browser();
  const plain = browser.open({ url: 'https://www.acme.example/pricing?q=dana%40acme.example&token=s3cret#plans',
    referrer: 'https://search.example/search?q=lead+scoring' });
  await plain.tick(DELAY);
  const kept = browser.open({ url: 'https://www.acme.example/pricing?utm_source=mail&utm_campaign=q4&gclid=x&q=y',
    attributes: { 'data-write-key': 'wk_test', 'data-keep-params': 'utm_*, gclid' } });
  await kept.tick(DELAY);
  const routed = browser.open({ url: 'https://www.acme.example/app?session=1#/pricing' });
  await routed.tick(DELAY);

  assert.deepEqual(browser.sentEvents().map((event) => [event.properties.url, event.properties.referrer]), [
    ['https://www.acme.example/pricing', 'https://search.example/search'],
    ['https://www.acme.example/pricing?utm_source=mail&utm_campaign=q4&gclid=x', undefined],
    ['https://www.acme.example/app#/pricing', undefined],
  ]);
  assert.deepEqual([plain.replaced, kept.replaced, routed.replaced], [[], [], []], 'the address bar is left alone');
});

test('a click inside an element marked data-leadscore-click is sent with its name; other clicks are not', async () => {
  const browser = new Browser();
  const page = browser.open();
  const icon = element('span');
  const link = element('a', { 'data-leadscore-click': 'pricing-cta' }, { href: 'https://www.acme.example/demo' })
    .append(icon);
  const button = element('button', { 'data-leadscore-click': 'chat-open' });

  page.fire('click', icon);
  page.fire('click', button);
  page.fire('click', element('p'));
  await page.tick(DELAY);

  const clicks = browser.sentEvents().filter((event) => event.type === 'click');
  assert.deepEqual(clicks.map((event) => event.properties), [
    { element: 'pricing-cta', linkUrl: 'https://www.acme.example/demo', url: 'https://www.acme.example/pricing' },
    { element: 'chat-open', url: 'https://www.acme.example/pricing' },
  ]);
});

test('video progress at 25, 50, 75 and 100 percent, once per view; playing after the end is a new view', async () => {
  const browser = new Browser();
  const page = browser.open();
  const video = element('video', { 'data-leadscore-video': 'product-tour' }, { duration: 200, currentTime: 0 });
  const at = (seconds, type = 'timeupdate') => {
    video.currentTime = seconds;
    page.fire(type, video);
  };

  at(0, 'play');
  [10, 49, 50, 60, 100, 101, 149, 150, 180].forEach((s) => at(s));
  at(200, 'ended');
  at(200, 'ended');
  at(120); // seeking back within the ended view is not a new view
  at(0, 'play');
  [60, 110, 190].forEach((s) => at(s));
  at(200, 'ended');
  page.fire('timeupdate', element('audio', {}, { currentTime: 5, duration: 10 }));
  await page.tick(DELAY);

  const progress = browser.sentEvents().filter((event) => event.type === 'video_progress');
  assert.deepEqual(progress.map((event) => event.properties.percent), [25, 50, 75, 100, 25, 50, 75, 100]);
  assert.ok(progress.every((event) => event.properties.videoId === 'product-tour'));
});

test('an unmarked video is named by its id, else its source; unknown durations send nothing', async () => {
  const browser = new Browser();
  const page = browser.open();
  const byId = element('video', {}, { id: 'hero', currentTime: 30, duration: 100 });
  const bySource = element('video', {},
    { currentSrc: 'https://cdn.acme.example/tour.mp4', currentTime: 30, duration: 100 });
  const live = element('video', {}, { id: 'live', currentTime: 30, duration: Infinity });
  const loading = element('video', {}, { id: 'loading', currentTime: 0, duration: NaN });

  [byId, bySource, live, loading].forEach((video) => page.fire('timeupdate', video));
  await page.tick(DELAY);

  const progress = browser.sentEvents().filter((event) => event.type === 'video_progress');
  assert.deepEqual(progress.map((event) => event.properties.videoId), ['hero', 'https://cdn.acme.example/tour.mp4']);
});

test('events are batched: one request per timer, and at once when a batch is full', async () => {
  const browser = new Browser();
  const page = browser.open();
  const button = element('button', { 'data-leadscore-click': 'b' });

  for (let i = 0; i < 3; i++) page.fire('click', button);
  await page.tick(DELAY / 2);
  assert.equal(browser.requests.length, 0, 'still waiting');
  await page.tick(DELAY / 2);
  assert.deepEqual(browser.requests.map((r) => r.events.length), [4], 'the page view and three clicks, together');

  for (let i = 0; i < 45; i++) page.fire('click', button);
  assert.deepEqual(browser.requests.map((r) => r.events.length), [4, 20, 20], 'full batches go at once');
  await page.tick(DELAY);
  assert.deepEqual(browser.requests.map((r) => r.events.length), [4, 20, 20, 5]);
  const ids = browser.sentEvents().map((event) => event.eventId);
  assert.equal(new Set(ids).size, ids.length, 'every event has its own id');
});

test('a failed request is retried with backoff, every event keeping its id', async () => {
  const browser = new Browser();
  const answers = [503, new TypeError('Failed to fetch'), 429, 202];
  browser.answer = (n) => answers[n - 1];
  const page = browser.open();

  await page.tick(DELAY);
  assert.equal(browser.requests.length, 1);
  await page.tick(1999);
  assert.equal(browser.requests.length, 1, 'the first retry waits 2 s');
  await page.tick(1);
  assert.equal(browser.requests.length, 2);
  await page.tick(4000);
  assert.equal(browser.requests.length, 3, 'then 4 s');
  page.fire('click', element('a', { 'data-leadscore-click': 'later' }));
  await page.tick(8000);
  assert.equal(browser.requests.length, 4, 'then 8 s');

  const ids = browser.requests.map((request) => request.events[0].eventId);
  assert.equal(new Set(ids).size, 1, 'the same event id in every attempt: ' + ids);
  assert.deepEqual(types(browser.requests[3].events), ['page_view', 'click'], 'what came meanwhile goes along');
  await page.tick(60_000);
  assert.equal(browser.requests.length, 4, 'nothing is sent twice once accepted');
});

test('while a retry is pending, new events wait for it, even a full batch', async () => {
  const browser = new Browser();
  browser.answer = (n) => (n === 1 ? 503 : 202);
  const page = browser.open();
  await page.tick(DELAY);
  for (let i = 0; i < 30; i++) page.fire('click', element('a', { 'data-leadscore-click': 'cta' }));
  await page.tick(1999);
  assert.equal(browser.requests.length, 1);
  await page.tick(1 + DELAY);
  assert.deepEqual(browser.requests.map((r) => r.events.length), [1, 20, 11]);
});

test('a refused request (4xx) is not retried, and retries stop after five attempts', async () => {
  const refused = new Browser();
  refused.answer = () => 400;
  await refused.open().tick(60_000);
  assert.equal(refused.requests.length, 1);

  const down = new Browser();
  down.answer = () => 500;
  const page = down.open();
  await page.tick(120_000);
  assert.equal(down.requests.length, 5);
  page.fire('click', element('a', { 'data-leadscore-click': 'after' }));
  await page.tick(DELAY);
  assert.deepEqual(types(down.requests[5].events), ['click'], 'the failed batch was dropped; sending goes on');
});

test('leaving the page sends what is queued with sendBeacon, retries included, with their ids', async () => {
  const browser = new Browser();
  browser.answer = () => 503;
  const page = browser.open();
  await page.tick(DELAY);
  const failedId = browser.requests[0].events[0].eventId;
  page.fire('submit', element('form', { id: 'whitepaper-data-mesh' }));

  page.leave();

  const beacons = browser.requests.filter((request) => request.via === 'beacon');
  assert.equal(beacons.length, 1, 'hidden then pagehide: one beacon, nothing left for the second');
  assert.equal(beacons[0].url, 'https://api.leadscore.example/v1/events?writeKey=wk_test');
  assert.equal(typeof beacons[0].data, 'string', 'a string: the beacon is text/plain, no CORS preflight');
  assert.deepEqual(types(beacons[0].events), ['page_view', 'form_submit', 'page_engaged'],
    'and the second of engaged time on the page');
  assert.equal(beacons[0].events[0].eventId, failedId);
  await page.tick(60_000);
  assert.equal(browser.requests.length, 2, 'no retry after the beacon took the events');
});

test('when the beacon is refused, a keepalive fetch carries the events', async () => {
  const browser = new Browser();
  browser.beaconAccepts = false;
  const page = browser.open();
  page.leave();
  const fetches = browser.requests.filter((request) => request.via === 'fetch');
  assert.equal(fetches.length, 1);
  assert.equal(fetches[0].init.keepalive, true);
  assert.deepEqual(types(fetches[0].events), ['page_view']);
});

const PRIVACY_SIGNALS = [
  ['Do-Not-Track', { doNotTrack: '1' }],
  ['Global Privacy Control', { globalPrivacyControl: true }],
];
for (const [name, options] of PRIVACY_SIGNALS) {
  test(name + ': nothing is sent and nothing is stored, whatever the page does', async () => {
    const browser = new Browser(options);
    const page = browser.open({ calls: [['identify', 'dana@acme.example']] });
    page.call('identify', 'dana@acme.example', { jobTitle: 'VP Sales' });
    page.call('consent', true);
    page.fire('click', element('a', { 'data-leadscore-click': 'cta' }));
    page.fire('submit', element('form', { id: 'demo-request' }));
    page.call('track', 'page_view', { url: 'x' });
    await page.tick(60_000);
    page.leave();

    assert.deepEqual(browser.requests, []);
    assert.deepEqual(browser.storageAccess, [], 'storage is not even read');
    assert.equal(browser.localStorage.size + browser.cookies.size, 0);
  });
}

test('with data-consent-required nothing is sent or stored until consent; then what waited is sent', async () => {
  const browser = new Browser();
  const page = browser.open({ attributes: { 'data-write-key': 'wk_test', 'data-consent-required': '' } });
  page.fire('submit', element('form', { id: 'demo-request' }));
  page.call('identify', 'lead-7');
  await page.tick(60_000);
  page.leave();
  assert.deepEqual(browser.requests, []);
  assert.deepEqual(browser.storageAccess, []);

  page.call('consent', true);
  await page.tick(DELAY);

  assert.deepEqual(types(browser.sentEvents()), ['page_view', 'form_submit', 'identify', 'page_engaged']);
  assert.equal(browser.localStorage.get('leadscore_lid'), 'lead-7');
  assert.match(browser.localStorage.get('leadscore_aid'), UUID);
  assert.ok(browser.sentEvents().every((event) => event.leadId === 'lead-7'),
    'events that waited for consent learn who did them at consent: here, the lead identified meanwhile');
});

test('consent withdrawn: the stored ids are removed and nothing more is sent', async () => {
  const browser = new Browser();
  const page = browser.open();
  page.call('identify', 'lead-7');
  await page.tick(DELAY);
  assert.equal(browser.localStorage.size, 2);

  page.call('consent', false);
  page.fire('click', element('a', { 'data-leadscore-click': 'cta' }));
  await page.tick(60_000);
  page.leave();

  assert.equal(browser.requests.length, 1);
  assert.equal(browser.localStorage.size, 0);
  assert.equal(browser.cookies.size, 0);
});

test('a consent refusal queued before the script loaded comes before any storage access', async () => {
  const browser = new Browser();
  const page = browser.open({ calls: [['consent', false]] });
  await page.tick(60_000);
  assert.deepEqual(browser.requests, []);
  assert.ok(browser.storageAccess.every((access) => access.startsWith('remove') || access === 'write cookie'),
    'only removals: ' + browser.storageAccess);
  assert.equal(browser.localStorage.size + browser.cookies.size, 0);
});

test('the anonymous visitor id is kept in localStorage across page loads', async () => {
  const browser = new Browser();
  await browser.open().tick(DELAY);
  await browser.open({ url: 'https://www.acme.example/demo' }).tick(DELAY);

  const [first, second] = browser.sentEvents();
  assert.equal(first.anonymousId, second.anonymousId);
  assert.equal(browser.localStorage.get('leadscore_aid'), first.anonymousId);
  assert.equal(browser.cookies.size, 0, 'no cookie while localStorage works');
});

test('where localStorage is blocked, a first-party cookie keeps the visitor id', async () => {
  const browser = new Browser({ localStorageBlocked: true });
  await browser.open().tick(DELAY);
  await browser.open().tick(DELAY);

  const [first, second] = browser.sentEvents();
  assert.equal(first.anonymousId, second.anonymousId);
  assert.equal(browser.cookies.get('leadscore_aid'), first.anonymousId);
});

test('identify: its event carries the email and traits, and later events the lead id, on later pages too', async () => {
  const browser = new Browser();
  const page = browser.open();
  await page.tick(DELAY);
  const visitor = browser.sentEvents()[0].anonymousId;

  page.call('identify', ' Dana@Acme.example ', { jobTitle: 'VP Sales', companySize: 250, tags: ['a'], 'bad name': 1 });
  page.fire('click', element('a', { 'data-leadscore-click': 'pricing-cta' }));
  await page.tick(DELAY);
  await browser.open({ url: 'https://www.acme.example/demo' }).tick(DELAY);

  const [, identify, click, nextPage] = browser.sentEvents();
  assert.equal(identify.type, 'identify');
  assert.equal(identify.leadId, 'dana@acme.example');
  assert.deepEqual(identify.properties, {
    jobTitle: 'VP Sales', companySize: 250, email: 'dana@acme.example', anonymousId: visitor,
  }, 'only flat, well-named traits: the server would refuse the whole event otherwise');
  for (const event of [click, nextPage]) {
    assert.equal(event.leadId, 'dana@acme.example');
    assert.equal(event.anonymousId, undefined);
  }
});

test('identify by lead id; calls made before the script loaded run first, so the page view has the lead', async () => {
  const browser = new Browser();
  const page = browser.open({ calls: [['identify', 'crm-00042', { firstName: 'Dana' }]] });
  await page.tick(DELAY);
  const [identify, view] = browser.sentEvents();
  assert.equal(identify.leadId, 'crm-00042');
  assert.equal(identify.properties.email, undefined, 'not an email');
  assert.equal(view.type, 'page_view');
  assert.equal(view.leadId, 'crm-00042');
  page.call('identify', '');
  page.call('unknown-command');
  await page.tick(DELAY);
  assert.equal(browser.requests.length, 1, 'an empty id and an unknown command are ignored');
});

test('page and track calls send page views of single-page apps and custom events', async () => {
  const browser = new Browser();
  const page = browser.open();
  page.window.location.href = 'https://www.acme.example/app#/pricing';
  page.call('page');
  page.call('track', 'profile_update', { industry: 'SaaS' });
  await page.tick(DELAY);
  assert.deepEqual(browser.sentEvents().slice(1).map((event) => [event.type, event.properties]), [
    ['page_view', { url: 'https://www.acme.example/app#/pricing', title: 'Pricing' }],
    ['profile_update', { industry: 'SaaS' }],
  ]);
});

test('values the server would refuse are trimmed: long text, control characters, broken surrogate pairs', async () => {
  const browser = new Browser();
  const page = browser.open({
    url: 'https://www.acme.example/' + 'x'.repeat(3000), title: 'Tab\tBell\u0007 \ud83d',
  });
  page.call('track', 'profile_update', { note: 'y'.repeat(2047) + '\ud83d\ude00' });
  await page.tick(DELAY);
  const [view, update] = browser.sentEvents();
  assert.equal(view.properties.url.length, 2048);
  assert.equal(view.properties.title, 'Tab\tBell ');
  assert.equal(update.properties.note, 'y'.repeat(2047), 'a pair cut in two loses its half');
});

test('ids come from crypto.randomUUID, or from getRandomValues on pages without it', async () => {
  const browser = new Browser({ randomUUID: false });
  const page = browser.open();
  page.fire('click', element('a', { 'data-leadscore-click': 'cta' }));
  await page.tick(DELAY);
  const [view, click] = browser.sentEvents();
  for (const id of [view.eventId, click.eventId, view.anonymousId]) assert.match(id, UUID);
  assert.notEqual(view.eventId, click.eventId);
});
