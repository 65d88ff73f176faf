'use strict';
// A fake page for the dashboard's modules (web/dashboard, ES modules): a small DOM (elements, SVG, text, attributes,
// classes, events, simple selectors), location, history, session storage, fetch answered by the test, object URLs
// and a ResizeObserver that reports an 800-pixel box at once. The modules are copied to a temporary folder marked
// as ES modules and imported from there, so that the dashboard stays plain files with no package.json beside them.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const DASHBOARD = path.join(__dirname, '..', 'dashboard');

class FakeNode {
  constructor(document) {
    this.ownerDocument = document;
    this.parentNode = null;
    this.childNodes = [];
  }

  get isConnected() {
    let at = this;
    while (at.parentNode) at = at.parentNode;
    return at === this.ownerDocument.root;
  }

  get textContent() {
    return this.childNodes.map((child) => child.textContent).join('');
  }

  get firstChild() {
    return this.childNodes[0] || null;
  }

  append(...children) {
    for (const child of children) {
      const node = typeof child === 'string' ? this.ownerDocument.createTextNode(child) : child;
      if (node.parentNode) node.remove();
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }

  replaceChildren(...children) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    this.append(...children);
  }

  remove() {
    if (!this.parentNode) return;
    this.parentNode.childNodes = this.parentNode.childNodes.filter((child) => child !== this);
    this.parentNode = null;
  }
}

class FakeText extends FakeNode {
  constructor(document, data) {
    super(document);
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

/** One compound selector: tag, #id, .class, [name], [name=value] (quoted or not). */
function compound(el, selector) {
  const parts = /^([\w-]*|\*)((?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)$/.exec(selector);
  if (!parts) throw new Error('the fake DOM does not understand the selector ' + selector);
  if (parts[1] && parts[1] !== '*' && parts[1].toLowerCase() !== el.localName) return false;
  return [...parts[2].matchAll(/#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=("[^"]*"|'[^']*'|[^\]]*))?\]/g)]
    .every(([, id, cls, name, value]) => {
      if (id) return el.getAttribute('id') === id;
      if (cls) return el.classList.contains(cls);
      if (value === undefined) return el.hasAttribute(name);
      return el.getAttribute(name) === value.replace(/^["']|["']$/g, '');
    });
}

/** A selector list of descendant chains: "table.comparison tr[data-key=x] td.changed, p". */
function matches(el, selector) {
  return selector.split(',').some((one) => {
    const chain = one.trim().match(/(?:[^\s[]+|\[[^\]]*\])+/g);
    if (!compound(el, chain[chain.length - 1])) return false;
    let at = el.parentNode;
    for (let i = chain.length - 2; i >= 0; i--) {
      while (at && !(at instanceof FakeElement && compound(at, chain[i]))) at = at.parentNode;
      if (!at) return false;
      at = at.parentNode;
    }
    return true;
  });
}

class FakeElement extends FakeNode {
  constructor(document, tag, namespaceURI) {
    super(document);
    this.localName = tag.toLowerCase();
    this.tagName = tag.toUpperCase();
    this.namespaceURI = namespaceURI;
    this.attributes = new Map();
    this.listeners = [];
    this.style = {};
    this.value = '';
    this.checked = false;
    this.disabled = false;
    const el = this;
    this.classList = {
      contains: (name) => el.className.split(/\s+/).includes(name),
      add: (name) => { if (!el.classList.contains(name)) el.className = (el.className + ' ' + name).trim(); },
      remove: (name) => { el.className = el.className.split(/\s+/).filter((c) => c && c !== name).join(' '); },
      toggle: (name, force = !el.classList.contains(name)) => {
        if (force) el.classList.add(name);
        else el.classList.remove(name);
        return force;
      },
    };
  }

  get className() {
    return this.getAttribute('class') || '';
  }

  set className(value) {
    this.setAttribute('class', value);
  }

  get hidden() {
    return this.hasAttribute('hidden');
  }

  set hidden(value) {
    if (value) this.setAttribute('hidden', '');
    else this.removeAttribute('hidden');
  }

  get children() {
    return this.childNodes.filter((child) => child instanceof FakeElement);
  }

  /** What a real box would measure; the charts draw to it. */
  get clientWidth() {
    return 800;
  }

  get clientHeight() {
    return 240;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
    if (name === 'value') this.value = String(value);
    if (name === 'checked') this.checked = true;
    if (name === 'disabled') this.disabled = true;
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  addEventListener(type, listener) {
    this.listeners.push({ type, listener });
  }

  /** The event goes to this element, then up through its ancestors, as a bubbling DOM event does. */
  dispatchEvent(event) {
    event.target = event.target || this;
    event.defaultPrevented = false;
    event.preventDefault = () => { event.defaultPrevented = true; };
    for (let at = this; at; at = at.parentNode) {
      for (const { type, listener } of at.listeners || []) if (type === event.type) listener(event);
    }
    return !event.defaultPrevented;
  }

  /** A click; on a form's submit button, the form is submitted too. */
  click() {
    if (this.disabled) return;
    this.dispatchEvent({ type: 'click' });
    if (this.localName === 'input' && this.getAttribute('type') === 'checkbox') {
      this.checked = !this.checked;
      this.dispatchEvent({ type: 'change' });
    }
    const form = this.closest('form');
    if (this.localName === 'button' && (this.getAttribute('type') || 'submit') === 'submit' && form) {
      form.dispatchEvent({ type: 'submit' });
    }
    if (this.localName === 'a' && this.hasAttribute('download')) this.ownerDocument.downloads.push(this);
  }

  focus() {
    this.ownerDocument.activeElement = this;
  }

  closest(selector) {
    for (let at = this; at instanceof FakeElement; at = at.parentNode) if (matches(at, selector)) return at;
    return null;
  }

  querySelectorAll(selector) {
    const found = [];
    const walk = (node) => node.children.forEach((child) => {
      if (matches(child, selector)) found.push(child);
      walk(child);
    });
    walk(this);
    return found;
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
}

class FakeDocument {
  constructor() {
    this.root = new FakeElement(this, 'html');
    this.body = new FakeElement(this, 'body');
    this.root.append(this.body);
    this.activeElement = this.body;
    /** Download links clicked: the files the page saved. */
    this.downloads = [];
  }

  createElement(tag) {
    return new FakeElement(this, tag, 'http://www.w3.org/1999/xhtml');
  }

  createElementNS(namespace, tag) {
    return new FakeElement(this, tag, namespace);
  }

  createTextNode(text) {
    return new FakeText(this, text);
  }

  getElementById(id) {
    return this.root.querySelector('#' + id);
  }

  querySelector(selector) {
    return this.root.querySelector(selector);
  }

  querySelectorAll(selector) {
    return this.root.querySelectorAll(selector);
  }
}

/** A fetch answer as the API gives it: JSON (or text, with a content type) and a status. */
function answer(status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    json: async () => JSON.parse(text),
    text: async () => text,
    blob: async () => new Blob([text], { type: lower['content-type'] || 'application/json' }),
  };
}

/**
 * Opens the page: installs the fake globals. `routes` answers fetches: {"GET /v1/models/default/revisions": a JSON
 * body, an answer(...), or request => answer(...)}; anything else is a 404 as API Gateway gives it. Every request is kept in `requests`.
 */
function openPage({ hash = '', routes = {}, key = 'ak_test' } = {}) {
  const document = new FakeDocument();
  const storage = new Map(key ? [['leadscore.adminKey', key]] : []);
  const page = { document, requests: [], objectUrls: [] };
  const location = {
    origin: 'http://localhost:3000',
    pathname: '/dashboard/',
    search: '',
    hash,
  };
  Object.assign(globalThis, {
    document,
    location,
    Node: FakeNode,
    history: { replaceState: (state, title, address) => { location.hash = address.slice(address.indexOf('#')); } },
    sessionStorage: {
      getItem: (name) => (storage.has(name) ? storage.get(name) : null),
      setItem: (name, value) => storage.set(name, String(value)),
      removeItem: (name) => storage.delete(name),
    },
    ResizeObserver: class {
      constructor(callback) {
        this.callback = callback;
      }

      observe() {
        this.callback([]);
      }
    },
    fetch: async (target, init = {}) => {
      const url = new URL(target);
      const request = { method: init.method || 'GET', url, headers: init.headers || {}, body: init.body };
      page.requests.push(request);
      const route = routes[`${request.method} ${url.pathname}`];
      if (route === undefined) return answer(404, { message: 'Not Found' });
      if (typeof route === 'function') return route(request);
      return typeof route.json === 'function' ? route : answer(200, route);
    },
  });
  URL.createObjectURL = (blob) => {
    page.objectUrls.push(blob);
    return 'blob:http://localhost:3000/' + page.objectUrls.length;
  };
  URL.revokeObjectURL = () => {};
  return page;
}

let copied;

/** A dashboard module, imported from a copy of web/dashboard marked as ES modules. */
async function load(name) {
  if (!copied) {
    copied = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
    for (const file of fs.readdirSync(DASHBOARD)) fs.copyFileSync(path.join(DASHBOARD, file), path.join(copied, file));
    fs.writeFileSync(path.join(copied, 'package.json'), '{"type": "module"}');
    process.on('exit', () => fs.rmSync(copied, { recursive: true, force: true }));
  }
  return import(pathToFileURL(path.join(copied, name)).href);
}

/** What a view returned, put in the page's body (as the router shows it). */
function show(page, content) {
  const main = page.document.createElement('main');
  page.document.body.replaceChildren(main);
  for (const part of [content].flat(Infinity)) if (part) main.append(part);
  return main;
}

/** Lets the awaited fetches and their callbacks run. */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The text a reader sees, roughly: an element's parts apart by a space, runs of white space as one. */
function text(node) {
  const words = (at) => (at instanceof FakeElement ? at.childNodes.map(words).join(' ') : at.textContent);
  return words(node).replace(/\s+/g, ' ').trim();
}

module.exports = { answer, load, openPage, settle, show, text };
