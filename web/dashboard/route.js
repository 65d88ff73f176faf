// Hash routing: #/leads?group=platform, #/lead/<id>, #/accounts, #/account/<id>, #/notifications, #/model,
// #/model/revisions?from=1&to=3, #/model/revisions/<n>, #/job/<id>,
// #/reports?from=2026-11-01&to=2026-11-30&reached=won.
// The local runtime opens the page as #key=<admin key> (or #/lead/<id>?key=<admin key>); the key is taken out of
// the address at once and kept in this tab's session storage only.

const KEY_ITEM = 'leadscore.adminKey';

/** The current route: its path segments (decoded) and its parameters. */
export function current() {
  const hash = location.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  const path = (q < 0 ? hash : hash.slice(0, q)).replace(/^\/+/, '');
  const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  if (path.startsWith('key=')) {
    // '#key=...' alone: the parameters are the whole fragment.
    return { segments: [], params: new URLSearchParams(path) };
  }
  return { segments: path ? path.split('/').map(decodeURIComponent) : [], params };
}

/** A link to a route: link(['lead', id]) is '#/lead/<id>'; empty parameters are left out. */
export function link(segments, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return '#/' + segments.map(encodeURIComponent).join('/') + (text ? '?' + text : '');
}

/** Moves a key in the fragment into session storage, and the fragment back to a plain route. */
export function takeKey() {
  const route = current();
  const key = route.params.get('key');
  if (!key) return;
  sessionStorage.setItem(KEY_ITEM, key);
  route.params.delete('key');
  const segments = route.segments.length ? route.segments : ['leads'];
  history.replaceState(null, '', location.pathname + location.search
      + link(segments, Object.fromEntries(route.params)));
}

export function key() {
  return sessionStorage.getItem(KEY_ITEM);
}
