'use strict';
// A fake browser holding just what track.js touches: window, document, navigator, localStorage, cookies,
// timers, the page's clock (performance.now), fetch and sendBeacon. Tests load the script into a page, drive it with DOM events and fake time,
// and read what it sent and what it stored. Storage and cookies outlive a page, as in a real browser.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const crypto = require('node:crypto');

const SOURCE = path.join(__dirname, '..', 'src', 'track.js');
const SCRIPT_URL = 'https://api.leadscore.example/v1/track.js';

function matches(el, selector) {
  return selector.split(',').some((one) => {
    const parts = /^(\w*)((?:\[[\w-]+(?:=[^\]]+)?\])*)$/.exec(one.trim());
    if (!parts) throw new Error('the fake DOM does not understand ' + one);
    if (parts[1] && parts[1].toUpperCase() !== el.tagName) return false;
    return [...parts[2].matchAll(/\[([\w-]+)(?:=([^\]]+))?\]/g)].every(([, name, value]) =>
      value === undefined ? el.hasAttribute(name) : el.getAttribute(name) === value);
  });
}

/** An element with attributes, children and the few DOM methods track.js calls. */
function element(tag, attributes = {}, props = {}) {
  const el = {
    tagName: tag.toUpperCase(),
    parent: null,
    children: [],
    ...props,
    getAttribute: (name) => (name in attributes ? String(attributes[name]) : null),
    hasAttribute: (name) => name in attributes,
    closest(selector) {
      for (let at = el; at; at = at.parent) if (matches(at, selector)) return at;
      return null;
    },
    querySelector(selector) {
      for (const child of el.children) {
        const found = matches(child, selector) ? child : child.querySelector(selector);
        if (found) return found;
      }
      return null;
    },
    append(...children) {
      children.forEach((child) => { child.parent = el; el.children.push(child); });
      return el;
    },
  };
  return el;
}

class Browser {
  /**
   * @param {object} options doNotTrack, globalPrivacyControl, localStorageBlocked, randomUUID (false: an http
   *                         page, where crypto.randomUUID does not exist)
   */
  constructor(options = {}) {
    this.options = options;
    this.localStorage = new Map();
    this.cookies = new Map();
    /** Every read and write of localStorage or document.cookie, in order. */
    this.storageAccess = [];
    /** Every request: { via: 'fetch' | 'beacon', url, init, events }. */
    this.requests = [];
    /** Answers each fetch: a status, or an Error for a network failure. */
    this.answer = () => 202;
    this.beaconAccepts = true;
  }

  /** Events of every request so far, in the order sent. */
  sentEvents() {
    return this.requests.flatMap((request) => request.events);
  }

  /**
   * Opens a page that loads the script; attributes go on its script tag, calls wait in the leadscore stub; hidden: the
   * page loads in a background tab.
   */
  open({ url = 'https://www.acme.example/pricing', title = 'Pricing', referrer = '', calls = [],
    attributes = { 'data-write-key': 'wk_test' }, source = SOURCE, hidden = false } = {}) {
    const page = new Page(this, { url, title, referrer, attributes, hidden });
    if (calls.length) page.window.leadscore = Object.assign(() => {}, { q: calls });
    vm.runInContext(fs.readFileSync(source, 'utf8'), page.context, { filename: source });
    return page;
  }
}

class Page {
  constructor(browser, { url, title, referrer, attributes, hidden }) {
    this.browser = browser;
    this.time = 0;
    this.timers = [];
    this.listeners = { document: [], window: [] };
    /** The addresses history.replaceState put in the address bar, in order. */
    this.replaced = [];
    const page = this;
    const access = (what) => browser.storageAccess.push(what);
    const localStorage = {
      getItem: (name) => {
        access('get ' + name);
        return browser.localStorage.has(name) ? browser.localStorage.get(name) : null;
      },
      setItem: (name, value) => { access('set ' + name); browser.localStorage.set(name, String(value)); },
      removeItem: (name) => { access('remove ' + name); browser.localStorage.delete(name); },
    };
    const options = browser.options;
    this.document = {
      title,
      referrer,
      visibilityState: hidden ? 'hidden' : 'visible',
      currentScript: element('script', attributes, { src: SCRIPT_URL }),
      get cookie() {
        access('read cookie');
        return [...browser.cookies].map(([name, value]) => name + '=' + value).join('; ');
      },
      set cookie(text) {
        access('write cookie');
        const [pair, ...attributes] = text.split(/;\s*/);
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        if (attributes.includes('max-age=0')) browser.cookies.delete(name);
        else browser.cookies.set(name, value);
      },
      addEventListener: (type, listener) => this.listeners.document.push({ type, listener }),
    };
    this.window = {
      document: this.document,
      navigator: {
        doNotTrack: options.doNotTrack,
        globalPrivacyControl: options.globalPrivacyControl,
        sendBeacon(target, data) {
          browser.requests.push({ via: 'beacon', url: target, data, events: JSON.parse(data).events });
          return browser.beaconAccepts;
        },
      },
      location: { href: url, protocol: new URL(url).protocol },
      history: {
        state: null,
        replaceState: (state, title, address) => {
          page.replaced.push(address);
          page.window.location.href = address;
        },
      },
      performance: { now: () => page.time },
      crypto: {
        getRandomValues: (array) => crypto.getRandomValues(array),
        ...(options.randomUUID === false ? {} : { randomUUID: () => crypto.randomUUID() }),
      },
      fetch(target, init) {
        browser.requests.push({ via: 'fetch', url: target, init, events: JSON.parse(init.body).events });
        const answer = browser.answer(browser.requests.length);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ status: answer });
      },
      setTimeout(callback, delay) {
        const timer = { at: page.time + delay, callback };
        page.timers.push(timer);
        return timer;
      },
      clearTimeout(timer) {
        page.timers = page.timers.filter((t) => t !== timer);
      },
      addEventListener: (type, listener) => this.listeners.window.push({ type, listener }),
    };
    Object.defineProperty(this.window, 'localStorage', {
      get() {
        if (options.localStorageBlocked) throw new Error('SecurityError: The operation is insecure.');
        return localStorage;
      },
    });
    this.window.window = this.window;
    this.context = vm.createContext(this.window);
  }

  /** Runs the script's command function, as a page's own code would. */
  call(...args) {
    this.window.leadscore(...args);
  }

  /** Dispatches a DOM event at the document (or the window) with the given target. */
  fire(type, target, on = 'document') {
    for (const { type: t, listener } of this.listeners[on]) if (t === type) listener({ type, target });
  }

  /** Moves the page's clock on, running the timers that fall due; then lets answered requests settle. */
  async tick(ms) {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
    await settle();
  }

  /** The tab is switched away from ('hidden') or back to ('visible'). */
  show(state) {
    this.document.visibilityState = state;
    this.fire('visibilitychange', this.document);
  }

  /** The page is left: the document is hidden, then the page hidden. */
  leave() {
    this.show('hidden');
    this.fire('pagehide', this.window, 'window');
  }
}

/** Lets promise callbacks (fetch answers) run. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

module.exports = { Browser, element, SCRIPT_URL };
