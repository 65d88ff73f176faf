// The HTTP API's reference, rendered from its OpenAPI 3.1 description (GET /v1/openapi.json, openapi.json in the
// repository): each route with who may call it, its parameters, its request body and every answer it gives.
import { ApiError, get } from './api.js';
import config from './config.js';
import { h } from './dom.js';
import { badge, card, failure, table } from './ui.js';

export const DESCRIPTION_PATH = '/v1/openapi.json';

/** Who may call a route: the schemes of its security requirements (any one of them), or anyone. */
function access(operation) {
  const names = (operation.security || []).flatMap((requirement) => Object.keys(requirement));
  return names.length ? names.map((name) => badge(name)) : badge('public');
}

/** The name of what a `$ref` points at: `#/components/schemas/Lead` reads Lead. */
const refName = (node) => (node && node.$ref ? node.$ref.slice(node.$ref.lastIndexOf('/') + 1) : null);

function content(media) {
  return Object.entries(media || {}).map(([type, body]) => h('div', {}, h('code', {}, type),
      refName(body.schema) ? [' ', h('span', { class: 'muted' }, refName(body.schema))] : null));
}

function operationCard(method, path, operation, doc) {
  const responses = Object.entries(operation.responses || {}).map(([status, response]) => {
    const resolved = refName(response) ? doc.components.responses[refName(response)] : response;
    return { status, description: resolved.description, content: resolved.content };
  });
  return card(null,
      h('h3', { class: 'mono' }, h('span', { class: 'method' }, method.toUpperCase()), ' ', path),
      h('p', {}, operation.summary, ' ', access(operation)),
      operation.parameters ? table([
        { title: 'Parameter', cell: (p) => h('code', {}, p.name) },
        { title: 'In', cell: (p) => p.in + (p.required ? ', required' : '') },
        { title: 'Description', cell: (p) => p.description || '' },
      ], operation.parameters) : null,
      operation.requestBody ? h('p', {}, h('b', {}, 'Body: '), operation.requestBody.description || '',
          content(operation.requestBody.content)) : null,
      table([
        { title: 'Status', cell: (r) => h('code', {}, r.status) },
        { title: 'Answer', cell: (r) => r.description },
        { title: 'Body', optional: true, cell: (r) => content(r.content) },
      ], responses));
}

export async function apiView() {
  let doc;
  try {
    doc = await get(DESCRIPTION_PATH);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [h('header', { class: 'view-head' }, h('h1', {}, 'API reference')), card(null, failure(error, 'The API description'))];
  }
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = (operation.tags || ['other'])[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operationCard(method, path, operation, doc));
    }
  }
  return [
    h('header', { class: 'view-head' }, h('h1', {}, doc.info.title, ' ', h('span', { class: 'muted' }, 'OpenAPI ' + doc.openapi)),
        h('p', {}, doc.info.description),
        h('p', {}, h('a', { href: (config.apiBase || '').replace(/\/+$/, '') + DESCRIPTION_PATH, download: 'openapi.json' },
            'openapi.json'),
            ' — the description itself, for code generators and API tools.')),
    card('Authentication', table([
      { title: 'Scheme', cell: ([name]) => h('code', {}, name) },
      { title: 'How', cell: ([, scheme]) => scheme.description || scheme.type },
    ], Object.entries(doc.components.securitySchemes || {}))),
    [...byTag].map(([tag, cards]) => h('section', {}, h('h2', {}, tag), cards)),
  ];
}
