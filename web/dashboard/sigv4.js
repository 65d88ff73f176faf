// AWS Signature Version 4 with the browser's WebCrypto: in AWS the query and admin routes take only IAM-signed
// requests, and the page signs them with the temporary credentials of its sign-in (aws-sign-in.js). The algorithm as
// AWS documents it (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html); held to AWS's
// published test vectors and to the CLI's Java signer in web/test/sigv4.test.js.

const encoder = new TextEncoder();

const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key, text) {
  const cryptoKey = await crypto.subtle.importKey('raw', typeof key === 'string' ? encoder.encode(key) : key,
      { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text));
}

/** RFC 3986, as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, in upper-case hex. */
function encode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The path as sent, each segment encoded once more: every service but S3 signs the encoded path encoded again, so
 * '/v1/leads/dana%40acme' is signed as '/v1/leads/dana%2540acme'.
 */
function canonicalPath(url) {
  return url.pathname.split('/').map(encode).join('/') || '/';
}

function canonicalQuery(url) {
  const pairs = [...url.searchParams].map(([name, value]) => [encode(name), encode(value)]);
  pairs.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return pairs.map(([name, value]) => name + '=' + value).join('&');
}

/** 20150830T123600Z */
const amzDate = (date) => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * The headers that sign a request: x-amz-content-sha256 (the body's hash, as the AWS SDK's signer sends it; off for
 * the test suite's vectors, which go without), x-amz-date, x-amz-security-token (temporary credentials) and
 * authorization, to send with `headers` (which are signed too, with host). `credentials`: {accessKeyId,
 * secretAccessKey, sessionToken}.
 */
export async function signedHeaders({ method, url, credentials, region, service = 'execute-api', headers = {},
  body = '', now = new Date(), payloadHashHeader = true }) {
  const target = new URL(url);
  const time = amzDate(now);
  const payloadHash = await sha256Hex(body);
  const added = payloadHashHeader ? { 'x-amz-content-sha256': payloadHash } : {};
  added['x-amz-date'] = time;
  if (credentials.sessionToken) added['x-amz-security-token'] = credentials.sessionToken;
  const signed = { host: target.host, ...added };
  for (const [name, value] of Object.entries(headers)) signed[name.toLowerCase()] = String(value);
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((name) => name + ':' + signed[name].trim().replace(/\s+/g, ' ') + '\n').join('');
  const canonicalRequest = [method.toUpperCase(), canonicalPath(target), canonicalQuery(target), canonicalHeaders,
    names.join(';'), payloadHash].join('\n');
  const scope = [time.slice(0, 8), region, service, 'aws4_request'].join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', time, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, time.slice(0, 8));
  for (const part of [region, service, 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, stringToSign));
  added.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return added;
}
