// Small pieces every view uses: cards, tables, badges, notes, and how a failed request reads.
import { h } from './dom.js';

export function card(title, ...body) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...body);
}

/**
 * A table that scrolls sideways on a narrow screen; columns marked `optional` are hidden there instead.
 * rowClass: a row's class, from its data (e.g. 'differs' for one to highlight).
 */
export function table(columns, rows, { empty = 'Nothing here yet.', rowClass = () => null } = {}) {
  if (!rows.length) return note(empty);
  const cls = (column) => [column.optional ? 'optional' : '', column.numeric ? 'num' : ''].join(' ').trim() || null;
  return h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: cls(c), scope: 'col' }, c.title)))),
      h('tbody', {}, rows.map((row) => h('tr', { class: rowClass(row) },
          columns.map((c) => h('td', { class: cls(c) }, c.cell(row))))))));
}

/** A figure in a tile: its label, its value, and a line under it. valueClass 'small-value' for long values. */
export function tile(label, value, sub, valueClass = '') {
  return h('div', { class: 'tile' }, h('span', { class: 'label' }, label),
      h('span', { class: ('value ' + valueClass).trim() }, value), sub ? h('span', { class: 'sub' }, sub) : null);
}

export function badge(text, kind = '') {
  return h('span', { class: ('badge ' + kind).trim() }, text);
}

export function note(text, kind = '') {
  return h('p', { class: ('note ' + kind).trim() }, text);
}

/**
 * The thresholds a lead or account qualified for, total ones first in the model's order, then groups' (named
 * "platform:salesReady" by the API, shown "Platform salesReady"). Sales-ready reads green, higher levels hot.
 */
export function qualifiedBadges(names, model) {
  const order = model ? model.thresholds.map((t) => t.name) : [];
  const groupName = (id) => ((model && model.groups.find((g) => g.id === id)) || { name: id }).name;
  return (names || []).map((name) => {
    const colon = name.indexOf(':');
    return colon < 0 ? { threshold: name } : { group: name.slice(0, colon), threshold: name.slice(colon + 1) };
  }).sort((a, b) => Number(!!a.group) - Number(!!b.group) || order.indexOf(a.threshold) - order.indexOf(b.threshold))
      .map((q) => badge(q.group ? `${groupName(q.group)} ${q.threshold}` : q.threshold,
          (q.threshold === 'salesReady' ? 'ok' : 'hot') + (q.group ? ' scoped' : '')));
}

/** A number beside a bar, the bar scaled against `max`. */
export function scoreBar(value, max) {
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  const bar = h('span', { class: 'bar' }, h('span', { class: 'fill' }));
  // A width through CSSOM, not a style attribute: the page's content security policy allows no inline styles.
  bar.firstChild.style.width = (share * 100).toFixed(1) + '%';
  return h('span', { class: 'score-bar' }, h('b', {}, value), bar);
}

/** A delivery's status as a coloured chip. */
export function deliveryStatus(status) {
  const kind = { delivered: 'ok', failed: 'bad', pending: 'warn' }[String(status).toLowerCase()] || '';
  return badge(String(status).toLowerCase(), kind);
}

/**
 * What to show when a request failed: a route not deployed yet is a calm note, a missing key says how to get
 * one, anything else says what the API said.
 */
export function failure(error, what) {
  if (error.unavailable) {
    return note(`${what} is not available yet: this API does not serve it in this deployment.`, 'calm');
  }
  if (error.status === 401 || error.status === 403) {
    return note('The API refused the request: open the dashboard with the link the local runtime prints'
        + ' (http://localhost:3000/dashboard/#key=…), which carries the admin key.', 'bad');
  }
  return note(`Could not load ${what.toLowerCase()}: ${error.message}${error.field ? ' (' + error.field + ')' : ''}`,
      'bad');
}

/** What to show when an action failed: as failure() says it for a missing key or route, else what the API said. */
export function refusal(error, what) {
  if (error.status === 401 || error.status === 403 || error.unavailable) return failure(error, what);
  return note(`${what} failed: ${error.message}${error.code ? ` (${error.code})` : ''}`, 'bad');
}

/** Saves `blob` as a file named `name`, as a download link would. */
export function saveFile(blob, name) {
  const address = URL.createObjectURL(blob);
  const anchor = h('a', { href: address, download: name, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its bytes once it started; the address is let go a little later.
  setTimeout(() => URL.revokeObjectURL(address), 60000);
}

/**
 * A button that runs `action` (async): busy and disabled while it runs, and what went wrong said beside it (for
 * a screen reader too) rather than lost.
 */
export function actionButton(text, action, { kind = '', what = 'It' } = {}) {
  const problem = h('span', { class: 'action-problem', role: 'alert' });
  const button = h('button', {
    type: 'button', class: kind || null,
    onclick: async () => {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      problem.replaceChildren();
      try {
        await action();
      } catch (error) {
        problem.replaceChildren(refusal(error, what));
      } finally {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      }
    },
  }, text);
  return h('span', { class: 'action' }, button, problem);
}
