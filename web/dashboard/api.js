// The query and admin APIs (see the contract in the README and the admin API's design): JSON over HTTP, the admin
// key as a bearer token locally, signed with the signed-in person's temporary AWS credentials in AWS (config.js).
import { awsHeaders } from './aws-sign-in.js';
import config from './config.js';
import { key } from './route.js';

/** An answer other than 2xx. `unavailable`: the route is not deployed (yet), as opposed to a thing not found. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    // API Gateway (and the local runtime) answer an unknown route 404 {"message": "Not Found"}, without a code.
    this.unavailable = status === 404 && (!code || code === 'route_not_found');
  }
}

function url(path, params) {
  const base = config.apiBase ? config.apiBase.replace(/\/+$/, '') : location.origin;
  const target = new URL(base + path);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  }
  // A space as %20, not the form encoding's '+' (a '+' of a value is %2B): what a SigV4 signature and the server
  // that checks it read alike.
  target.search = target.search.replace(/\+/g, '%20');
  return target;
}

/** How this deployment's API knows the caller: an IAM signature in AWS, the admin key locally. */
async function authorization(method, target) {
  if (config.signIn === 'cognito') return awsHeaders(method, target.href);
  return key() ? { authorization: 'Bearer ' + key() } : {};
}

/** The response to a request, when it is a 2xx; an ApiError otherwise. */
async function send(method, path, params, accept = 'application/json') {
  const target = url(path, params);
  const headers = { accept, ...await authorization(method, target) };
  let response;
  try {
    response = await fetch(target, { method, headers, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', 'The API did not answer (' + e.message + '). Is the runtime still running?');
  }
  if (response.ok) return response;
  const body = await response.json().catch(() => null);
  // Errors are {"error": {"code", "message", "field"}}; the contract's flat {"error": "<code>", "message"} too.
  const error = body && body.error;
  const flat = typeof error === 'string';
  throw new ApiError(response.status,
      flat ? error : error && error.code,
      (flat ? body.message : error && error.message) || (body && body.message) || response.statusText,
      flat ? body.field : error && error.field);
}

export async function get(path, params) {
  return (await send('GET', path, params)).json().catch(() => null);
}

/** A POST without a body (the admin API's jobs take their parameters in the query); its JSON answer. */
export async function post(path, params) {
  return (await send('POST', path, params)).json().catch(() => null);
}

/**
 * A file the API serves (a CSV, a YAML), fetched with the admin key, which a plain link could not send: its bytes
 * and the name its content-disposition gives, else `fallbackName`.
 */
export async function getFile(path, params, accept, fallbackName) {
  const response = await send('GET', path, params, accept);
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') || '');
  return { blob: await response.blob(), name: named ? named[1] : fallbackName };
}

/**
 * A list the API answers as CSV a page at a time (the next page's cursor in its x-next-cursor header), followed up to
 * `maxPages` pages of 100: the pages end to end are one file. `complete` says whether it got them all.
 */
export async function getCsv(path, params, maxPages) {
  const pages = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const response = await send('GET', path, { ...params, format: 'csv', limit: 100, cursor }, 'text/csv');
    pages.push(await response.blob());
    cursor = response.headers.get('x-next-cursor');
    if (!cursor) break;
  }
  return { blob: new Blob(pages, { type: 'text/csv' }), complete: !cursor };
}

/** Every item of a list, following `next` up to `maxPages` pages of 100; `complete` says whether it got them all. */
export async function getAll(path, params, maxPages = 20) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const answer = await get(path, { ...params, limit: 100, cursor });
    items.push(...answer.items);
    cursor = answer.next;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

export const leadPath = (leadId) => '/v1/leads/' + encodeURIComponent(leadId);
export const accountPath = (accountId) => '/v1/accounts/' + encodeURIComponent(accountId);
export const modelPath = (modelId) => '/v1/models/' + encodeURIComponent(modelId);
export const revisionPath = (modelId, n) => modelPath(modelId) + '/revisions/' + encodeURIComponent(n);
export const jobPath = (jobId) => '/v1/jobs/' + encodeURIComponent(jobId);

let model;

/** The model in force, asked once per page load; null when the API does not serve it. */
export function modelInForce() {
  model = model || get('/v1/model').catch(() => null);
  return model;
}

/** After a publish: the next page asks for the model in force again. */
export function forgetModelInForce() {
  model = null;
}

/** The deployment's model id (it scores with one model): the model in force's, else the default one's. */
export async function modelId() {
  const inForce = await modelInForce();
  return (inForce && inForce.id) || 'default';
}
