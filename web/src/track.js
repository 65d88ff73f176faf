/*
 * leadscore website tracking snippet. Embed it with the site's write key:
 *   <script async src="https://<api>/v1/track.js" data-write-key="wk_..."></script>
 * It sends page views, engaged time on each page, form submissions, clicks on [data-leadscore-click] elements and
 * <video> progress to POST /v1/events, batched. Calls made before it loads wait in leadscore.q (see README,
 * "Tracking snippet").
 */
(function (w, d, n) {
  var script = d.currentScript;
  var key = script && script.getAttribute('data-write-key');
  if (!key) return;
  // sendBeacon cannot set headers: the key travels in the query and the body as text/plain, which is also a
  // CORS "simple request", so fetch needs no preflight either.
  var endpoint = (script.getAttribute('data-endpoint') || script.src.replace(/\/v1\/track\.js.*$/, ''))
    .replace(/\/+$/, '') + '/v1/events?writeKey=' + encodeURIComponent(key);
  var VISITOR = 'leadscore_aid', LEAD = 'leadscore_lid';
  var DELAY = 1000, BATCH = 20, MAX_QUEUED = 100, ATTEMPTS = 5;
  var VIDEO_MILESTONES = [25, 50, 75, 100];
  // Query strings carry search terms, tokens and emails: none is sent unless the site names it (utm_*, gclid).
  var KEEP = (script.getAttribute('data-keep-params') || '').split(/[\s,]+/).filter(Boolean);
  var tracking = n.doNotTrack != '1' && !n.globalPrivacyControl;
  var consent = !script.hasAttribute('data-consent-required');
  var queue = [], timer = 0, failures = 0, lead, visitor;
  // Engaged time: counted while the page is visible and the visitor did something within the idle timeout, so a tab
  // left open adds nothing. performance.now, not Date: a clock set meanwhile changes no duration.
  var IDLE = (+script.getAttribute('data-idle-timeout') || 15) * 1000;
  var clock = w.performance, engaged = 0, since = clock.now(), active = since, shown = d.visibilityState == 'visible';
  var viewed;
  var views = new WeakMap();

  function allowed() {
    return tracking && consent;
  }

  function uuid() {
    var c = w.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    // crypto.randomUUID exists only on https pages; getRandomValues everywhere.
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, function (x) {
      var r = c && c.getRandomValues ? c.getRandomValues(new Uint8Array(1))[0] : Math.random() * 256;
      return (x ^ (r & (15 >> (x / 4)))).toString(16);
    });
  }

  // First-party storage: localStorage, or a cookie where it is blocked or throws (Safari private mode).
  function read(name) {
    try {
      var value = w.localStorage.getItem(name);
      if (value) return value;
    } catch (e) {}
    var match = d.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return match && decodeURIComponent(match[1]);
  }

  function write(name, value) {
    try {
      return w.localStorage.setItem(name, value);
    } catch (e) {}
    d.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=31536000; samesite=lax' +
      (w.location.protocol == 'https:' ? '; secure' : '');
  }

  function forget(name) {
    try {
      w.localStorage.removeItem(name);
    } catch (e) {}
    d.cookie = name + '=; path=/; max-age=0';
  }

  // Storage is touched only from here on, once tracking is allowed.
  function remember() {
    visitor = read(VISITOR) || uuid();
    write(VISITOR, visitor);
    lead = lead || read(LEAD);
    if (lead) write(LEAD, lead);
  }

  // Who did it, decided when the event happens; an event queued before consent learns it once consent comes.
  function stamp(event) {
    if (!event.leadId && !event.anonymousId) {
      if (lead) event.leadId = lead;
      else if (visitor) event.anonymousId = visitor;
    }
  }

  // The server refuses an event with a bad property, so values it would refuse are dropped or trimmed here.
  var UNSENDABLE = /[\0-\b\v\f\x0e-\x1f\x7f]|\p{Cs}/gu;
  function clean(properties) {
    var out = {};
    for (var name in properties) {
      var value = properties[name];
      if (typeof value == 'string') value = value.replace(UNSENDABLE, '').slice(0, 2048).replace(UNSENDABLE, '');
      if (/^[A-Za-z]\w{0,63}$/.test(name) && value !== '' && /^(string|number|boolean)$/.test(typeof value)) {
        out[name] = value;
      }
    }
    return out;
  }

  function track(type, properties) {
    if (!tracking) return;
    // The id is made once: every retry of this event repeats it, so the server records it once.
    var event = { eventId: uuid(), type: type, timestamp: new Date().toISOString(), properties: clean(properties) };
    stamp(event);
    if (queue.push(event) > MAX_QUEUED) queue.shift();
    if (!failures && allowed()) {
      if (queue.length >= BATCH) flush();
      else if (!timer) timer = setTimeout(flush, DELAY);
    }
  }

  function body(events) {
    events.forEach(stamp);
    return JSON.stringify({ events: events });
  }

  function flush() {
    clearTimeout(timer);
    timer = 0;
    if (!allowed() || !queue.length) return;
    var batch = queue.splice(0, BATCH);
    w.fetch(endpoint, { method: 'POST', body: body(batch), keepalive: true }).then(function (response) {
      sent(batch, response.status >= 500 || response.status == 429);
    }, function () {
      sent(batch, true);
    });
  }

  // Only server trouble is retried, with backoff; a refusal (4xx) would be refused again.
  function sent(batch, retry) {
    clearTimeout(timer);
    if (retry && ++failures < ATTEMPTS) {
      queue = batch.concat(queue);
      timer = setTimeout(flush, DELAY * Math.pow(2, failures));
    } else {
      failures = 0;
      timer = queue.length ? setTimeout(flush, DELAY) : 0;
    }
  }

  // The page may be closing: send everything now, in beacons that outlive it.
  function hide() {
    clearTimeout(timer);
    timer = failures = 0;
    while (allowed() && queue.length) {
      var data = body(queue.splice(0, BATCH));
      if (!(n.sendBeacon && n.sendBeacon(endpoint, data))) {
        w.fetch(endpoint, { method: 'POST', body: data, keepalive: true }).catch(function () {});
      }
    }
  }

  // What is sent of an address: its origin and path, a hash route (#/...), and the query parameters kept.
  function address(href, keep) {
    var parts = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(href || '');
    var query = (parts[2] || '?').slice(1).split('&').filter(function (pair) {
      var name = pair.split('=')[0];
      return pair && (keep || []).some(function (k) {
        return k.slice(-1) == '*' ? name.indexOf(k.slice(0, -1)) == 0 : name == k;
      });
    });
    return parts[1] + (query.length ? '?' + query.join('&') : '') + (/^#!?\//.test(parts[3]) ? parts[3] : '');
  }

  function here() {
    return address(w.location.href, KEEP);
  }

  // Adds the time since the last count while the page was visible, up to the idle timeout after the last activity.
  function count() {
    var now = clock.now();
    if (shown) engaged += Math.max(0, Math.min(now, active + IDLE) - since);
    since = now;
  }

  function activity() {
    count();
    active = since;
  }

  // One page_engaged with the whole seconds engaged since the last one; the fraction left waits for the next.
  function engagement() {
    count();
    var seconds = Math.floor(engaged / 1000);
    if (seconds > 0 && !script.hasAttribute('data-no-engaged-time')) {
      engaged -= seconds * 1000;
      track('page_engaged', { url: viewed, seconds: seconds });
    }
  }

  function page() {
    // A single-page app's navigation ends the time of the page it leaves.
    if (viewed) engagement();
    engaged = 0;
    viewed = here();
    track('page_view', { url: viewed, title: d.title, referrer: address(d.referrer) });
  }

  // From now on this browser is the lead `id`; the event that says so names the visitor it was, and the
  // server merges the visitor's history into the lead, once.
  function link(id, properties) {
    properties.anonymousId = visitor;
    lead = id;
    if (allowed()) write(LEAD, lead);
    return properties;
  }

  function identify(id, traits) {
    var properties = {};
    for (var name in traits) properties[name] = traits[name];
    id = String(id || '').trim();
    if (!id) return;
    if (id.indexOf('@') > 0) properties.email = id = id.toLowerCase();
    track('identify', link(id, properties));
  }

  function setConsent(given) {
    consent = !!given;
    if (!tracking) return;
    if (consent) {
      remember();
      flush();
    } else {
      clearTimeout(timer);
      queue = [];
      timer = failures = 0;
      lead = visitor = undefined;
      forget(VISITOR);
      forget(LEAD);
    }
  }

  function video(e) {
    var player = e.target, view = views.get(player);
    // A playing video or audio fires timeupdate a few times a second: someone watching is active.
    activity();
    if (player.tagName != 'VIDEO') return;
    // A play after the end is a new view: its milestones count again.
    if (!view || (e.type == 'play' && view.ended)) views.set(player, (view = {}));
    var percent = e.type == 'ended' ? 100 : (player.currentTime / player.duration) * 100;
    VIDEO_MILESTONES.forEach(function (milestone) {
      if (percent >= milestone && !view[milestone]) {
        view[milestone] = 1;
        track('video_progress', {
          videoId: player.getAttribute('data-leadscore-video') || player.id || address(player.currentSrc || player.src),
          percent: milestone,
          url: here()
        });
      }
    });
    if (e.type == 'ended') view.ended = 1;
  }

  var commands = {
    identify: identify,
    consent: setConsent,
    page: page,
    track: track
  };
  function leadscore(command) {
    var run = commands[command];
    if (run) run.apply(null, [].slice.call(arguments, 1));
  }

  var waiting = (w.leadscore && w.leadscore.q) || [];
  w.leadscore = leadscore;
  // Calls made before loading come first: a consent refusal among them must precede any storage access.
  for (var i = 0; i < waiting.length; i++) leadscore.apply(null, waiting[i]);
  if (allowed()) remember();
  // A link in an email carries its lead: ?ls_lead=<lead id> identifies the visitor who clicked it. The id leaves
  // the address bar at once, so that a copied link or a bookmark does not carry it on to someone else.
  var emailed = /([?&])ls_lead=([^&#]*)&?/.exec(w.location.href);
  if (emailed) {
    if (!lead) identify(decodeURIComponent(emailed[2]));
    var cleaned = w.location.href.replace(emailed[0], emailed[1]).replace(/[?&](#|$)/, '$1');
    if (w.history && w.history.replaceState) w.history.replaceState(w.history.state, '', cleaned);
  }
  page();

  d.addEventListener('submit', function (e) {
    var form = e.target, input = form.querySelector('input[type=email],input[name=email]');
    var email = input && input.value.trim().toLowerCase();
    var properties = {
      formId: form.getAttribute('id') || form.getAttribute('name') || 'unnamed',
      email: email,
      url: here()
    };
    // A visitor who gives an email in a form is that lead from now on.
    track('form_submit', email && email.indexOf('@') > 0 && !lead ? link(email, properties) : properties);
  });
  // Capture: a handler that stops the click's propagation does not hide it.
  d.addEventListener('click', function (e) {
    var marked = e.target.closest && e.target.closest('[data-leadscore-click]');
    if (marked) {
      track('click', {
        element: marked.getAttribute('data-leadscore-click'),
        linkUrl: marked.href && address(marked.href, KEEP),
        url: here()
      });
    }
  }, true);
  // Media events do not bubble; capturing at the document sees every video, including ones added later.
  ['play', 'timeupdate', 'ended'].forEach(function (type) {
    d.addEventListener(type, video, true);
  });
  ['mousemove', 'keydown', 'scroll', 'touchstart'].forEach(function (type) {
    d.addEventListener(type, activity, true);
  });
  // Coming back to the tab is activity; hiding or leaving the page sends the time engaged so far.
  function visibility(e) {
    count();
    shown = e.type != 'pagehide' && d.visibilityState == 'visible';
    if (shown) active = since;
    else {
      engagement();
      hide();
    }
  }
  w.addEventListener('pagehide', visibility);
  d.addEventListener('visibilitychange', visibility);
})(window, document, navigator);
