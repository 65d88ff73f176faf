'use strict';
// The dashboard where it runs in AWS (config.signIn 'cognito', as the dashboard function's config.js says): its SigV4
// signer held to AWS's published test vectors and to the CLI's Java signer (fixtures/sigv4-java.json, which
// SigV4FixturesTest holds the Java signer to), and its sign-in: the form, Cognito's answers played by the test, and
// every API request then signed with the temporary credentials, the signature checked here with node's own crypto.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { answer, load, openPage, settle } = require('./dashboard-page');

const JAVA = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sigv4-java.json'), 'utf8'));

// aws-sig-v4-test-suite (get-vanilla, get-vanilla-query-order-key-case, post-vanilla): AWS's published signatures.
const SUITE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const VECTORS = [
  ['GET', 'https://example.amazonaws.com/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
  ['GET', 'https://example.amazonaws.com/?Param2=value2&Param1=value1',
    'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
  ['POST', 'https://example.amazonaws.com/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
];

test("the signer gives AWS's published signatures of the SigV4 test suite", async () => {
  const { signedHeaders } = await load('sigv4.js');
  for (const [method, url, signature] of VECTORS) {
    const headers = await signedHeaders({ method, url, credentials: SUITE, region: 'us-east-1', service: 'service',
      now: new Date('2015-08-30T12:36:00Z'), payloadHashHeader: false });
    assert.deepEqual(headers, {
      'x-amz-date': '20150830T123600Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, '
          + 'SignedHeaders=host;x-amz-date, Signature=' + signature,
    }, method + ' ' + url);
  }
});

test("the signer signs the dashboard's requests as the CLI's Java signer does", async () => {
  const { signedHeaders } = await load('sigv4.js');
  assert.ok(JAVA.requests.length >= 4);
  for (const request of JAVA.requests) {
    const headers = await signedHeaders({ method: request.method, url: request.url, credentials: JAVA.credentials,
      region: JAVA.region, now: new Date(JAVA.time) });
    assert.equal(headers.authorization, request.authorization, request.method + ' ' + request.url);
    assert.equal(headers['x-amz-date'], JAVA.amzDate);
    assert.equal(headers['x-amz-security-token'], JAVA.credentials.sessionToken);
  }
});

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest();
const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const rfc3986 = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** SigV4 recomputed from a request as sent (AWS's documented steps, with node's crypto): true when it verifies. */
function verifies(request, secretAccessKey, region) {
  const auth = /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/execute-api\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/
    .exec(request.headers.authorization);
  if (!auth || auth[2] !== region) return false;
  const sent = { ...request.headers, host: request.url.host };
  const names = auth[3].split(';');
  const query = request.url.search.slice(1).split('&').filter(Boolean)
    .map((pair) => pair.split('=').map((part) => rfc3986(decodeURIComponent(part))).join('=')).sort().join('&');
  const canonical = [request.method, request.url.pathname.split('/').map(rfc3986).join('/'), query,
    names.map((name) => `${name}:${sent[name]}\n`).join(''), auth[3], sha256('')].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', sent['x-amz-date'], `${auth[1]}/${region}/execute-api/aws4_request`,
    sha256(canonical)].join('\n');
  let key = hmac('AWS4' + secretAccessKey, auth[1]);
  for (const part of [region, 'execute-api', 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex') === auth[4];
}

const POOL = { region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123', userPoolClientId: '4tq0clientid',
  identityPoolId: 'eu-west-1:0a1b2c3d-1111-2222-3333-444455556666' };
const ISSUED = { AccessKeyId: 'ASIAFROMIDENTITYPOOL', SecretKey: 'temporary/secret+key', SessionToken: 'session-token==',
  Expiration: Math.floor(Date.now() / 1000) + 3600 };

/** Cognito as the test plays it: a user whose first sign-in must replace the temporary password. */
function cognito(calls) {
  return (request) => {
    const target = request.headers['x-amz-target'];
    const body = JSON.parse(request.body);
    calls.push({ host: request.url.host, target, body });
    switch (target) {
      case 'AWSCognitoIdentityProviderService.InitiateAuth':
        if (body.AuthParameters.PASSWORD !== 'Temporary-1') {
          return answer(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
        }
        return answer(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1' });
      case 'AWSCognitoIdentityProviderService.RespondToAuthChallenge':
        return answer(200, { AuthenticationResult: { IdToken: 'id-token-of-kim', AccessToken: 'a', RefreshToken: 'r' } });
      case 'AWSCognitoIdentityService.GetId':
        return answer(200, { IdentityId: 'eu-west-1:identity-of-kim' });
      case 'AWSCognitoIdentityService.GetCredentialsForIdentity':
        return answer(200, { IdentityId: 'eu-west-1:identity-of-kim', Credentials: ISSUED });
      default:
        return answer(400, { __type: 'UnknownOperationException' });
    }
  };
}

/** A page whose config.js is AWS's (as the dashboard function writes it) with a view to sign in; undone after `t`. */
async function awsPage(t, routes) {
  const page = openPage({ key: null, routes });
  const view = page.document.createElement('main');
  view.setAttribute('id', 'view');
  page.document.body.append(view);
  const config = (await load('config.js')).default;
  const local = { ...config };
  Object.assign(config, { signIn: 'cognito', ...POOL });
  t.after(() => {
    for (const name of Object.keys(config)) delete config[name];
    Object.assign(config, local);
  });
  return { page, view, api: await load('api.js') };
}

function fill(form, values) {
  for (const [name, value] of Object.entries(values)) form.querySelector(`input[name=${name}]`).value = value;
  form.querySelector('button[type=submit]').click();
}

test('in AWS the page signs in with Cognito, then signs every API request with the temporary credentials', async (t) => {
  const calls = [];
  const { page, view, api } = await awsPage(t, {
    'POST /': cognito(calls),
    'GET /v1/model': { id: 'default', version: 2, thresholds: [], groups: [], rules: [] },
    'GET /v1/reports/stages': { leads: [] },
  });

  const model = api.get('/v1/model');
  const stages = api.get('/v1/reports/stages', { from: '2026-11-01T00:00:00Z', note: 'sales ready' });
  await settle();
  assert.equal(page.requests.length, 0, 'nothing is sent before the sign-in');
  assert.equal(view.querySelectorAll('form.sign-in').length, 1, 'one form for the two requests');

  fill(view.querySelector('form.sign-in'), { email: 'kim@acme.example', password: 'wrong' });
  await settle();
  assert.match(view.querySelector('form.sign-in p[role=alert]').textContent, /Incorrect username or password/);

  fill(view.querySelector('form.sign-in'), { email: 'kim@acme.example', password: 'Temporary-1' });
  await settle();
  fill(view.querySelector('form.sign-in'), { newPassword: 'Chosen-Password-2' });
  assert.equal((await model).version, 2);
  assert.deepEqual(await stages, { leads: [] });

  assert.deepEqual(calls.map((call) => call.host + ' ' + call.target), [
    'cognito-idp.eu-west-1.amazonaws.com AWSCognitoIdentityProviderService.InitiateAuth',
    'cognito-idp.eu-west-1.amazonaws.com AWSCognitoIdentityProviderService.InitiateAuth',
    'cognito-idp.eu-west-1.amazonaws.com AWSCognitoIdentityProviderService.RespondToAuthChallenge',
    'cognito-identity.eu-west-1.amazonaws.com AWSCognitoIdentityService.GetId',
    'cognito-identity.eu-west-1.amazonaws.com AWSCognitoIdentityService.GetCredentialsForIdentity',
  ]);
  assert.deepEqual(calls[1].body, { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '4tq0clientid',
    AuthParameters: { USERNAME: 'kim@acme.example', PASSWORD: 'Temporary-1' } });
  assert.deepEqual(calls[2].body, { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: '4tq0clientid',
    Session: 'session-1', ChallengeResponses: { USERNAME: 'kim@acme.example', NEW_PASSWORD: 'Chosen-Password-2' } });
  const logins = { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123': 'id-token-of-kim' };
  assert.deepEqual(calls[3].body, { IdentityPoolId: POOL.identityPoolId, Logins: logins });
  assert.deepEqual(calls[4].body, { IdentityId: 'eu-west-1:identity-of-kim', Logins: logins });

  const sent = page.requests.filter((request) => request.url.pathname.startsWith('/v1/'));
  assert.equal(sent.length, 2);
  for (const request of sent) {
    assert.equal(request.headers['x-amz-security-token'], 'session-token==');
    assert.match(request.headers.authorization, /^AWS4-HMAC-SHA256 Credential=ASIAFROMIDENTITYPOOL\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, /);
    assert.ok(verifies(request, 'temporary/secret+key', 'eu-west-1'), request.url.href);
    assert.ok(!verifies({ ...request, url: new URL(request.url.href + '&limit=1000') }, 'temporary/secret+key',
        'eu-west-1'), 'a changed query no longer verifies');
  }
  // The two requests go out together after sign-in: find the report's by its path, whatever the order.
  const report = sent.find((request) => request.url.pathname === '/v1/reports/stages');
  assert.equal(report.url.search, '?from=2026-11-01T00%3A00%3A00Z&note=sales%20ready');

  // The credentials are kept for the tab: the next request is signed at once, without Cognito.
  await api.get('/v1/model');
  assert.equal(calls.length, 5);
  assert.ok(verifies(page.requests[page.requests.length - 1], 'temporary/secret+key', 'eu-west-1'));
  assert.equal(page.requests[page.requests.length - 1].headers.authorization.includes('Bearer'), false);
});

test('locally the page keeps sending the admin key, and signs nothing', async () => {
  const page = openPage({ routes: { 'GET /v1/model': { id: 'default', version: 1 } } });
  const config = (await load('config.js')).default;
  assert.equal(config.signIn, 'key');
  const api = await load('api.js');
  await api.get('/v1/model');
  assert.deepEqual(page.requests[0].headers, { accept: 'application/json', authorization: 'Bearer ak_test' });
});

test('credentials about to expire are not used: the page asks to sign in again before sending anything', async (t) => {
  const { page, view, api } = await awsPage(t, { 'GET /v1/model': { id: 'default', version: 2 } });
  sessionStorage.setItem('leadscore.awsCredentials', JSON.stringify({ accessKeyId: 'ASIAOLD', secretAccessKey: 's',
    sessionToken: 't', expiration: Date.now() + 4 * 60 * 1000 }));

  api.get('/v1/model');
  await settle();
  assert.equal(page.requests.length, 0);
  assert.equal(view.querySelectorAll('form.sign-in').length, 1);

  sessionStorage.setItem('leadscore.awsCredentials', JSON.stringify({ accessKeyId: 'ASIAFRESH', secretAccessKey: 's',
    sessionToken: 't', expiration: Date.now() + 6 * 60 * 1000 }));
  await api.get('/v1/model');
  assert.match(page.requests[0].headers.authorization, /^AWS4-HMAC-SHA256 Credential=ASIAFRESH\//);
});

test('signing out forgets the credentials: the reloaded page asks to sign in before sending anything', async (t) => {
  const { page, view, api } = await awsPage(t, { 'GET /v1/model': { id: 'default', version: 2 } });
  sessionStorage.setItem('leadscore.awsCredentials', JSON.stringify({ accessKeyId: 'ASIAKIM', secretAccessKey: 's',
    sessionToken: 't', expiration: Date.now() + 60 * 60 * 1000 }));
  let reloaded = 0;
  location.reload = () => { reloaded++; };
  const { signOut } = await load('aws-sign-in.js');

  signOut();
  assert.equal(reloaded, 1);
  assert.equal(sessionStorage.getItem('leadscore.awsCredentials'), null);
  api.get('/v1/model');
  await settle();
  assert.equal(page.requests.length, 0);
  assert.equal(view.querySelectorAll('form.sign-in').length, 1);
});
