// Signing in where the dashboard runs in AWS (config.signIn === 'cognito'): a person of the deployment's Cognito user
// pool signs in with the form below (their password goes to Cognito only, over TLS; the first sign-in replaces the
// temporary password an administrator's invitation sent), the identity pool exchanges their ID token for an hour's
// temporary AWS credentials of the dashboard's role, and every API request is signed with them (SigV4, sigv4.js), as
// the query and admin routes' IAM authorization wants. No long-lived key reaches the browser; the credentials stay in
// this tab's session storage until they are about to expire, then the form asks again.
import config from './config.js';
import { h, show } from './dom.js';
import { signedHeaders } from './sigv4.js';

const CREDENTIALS_ITEM = 'leadscore.awsCredentials';
/** Credentials this close to their end are not used: a request signed with them could arrive after it. */
const MARGIN_MS = 5 * 60 * 1000;

let pending;

/** The signing headers of a request to the API; the sign-in form first when the tab has no valid credentials. */
export async function awsHeaders(method, url) {
  return signedHeaders({ method, url, credentials: await credentials(), region: config.region });
}

/** Forgets this tab's credentials and asks to sign in again (credentials already issued stay valid until they expire). */
export function signOut() {
  sessionStorage.removeItem(CREDENTIALS_ITEM);
  pending = null; // a sign-in under way goes with the page
  location.reload();
}

async function credentials() {
  const kept = JSON.parse(sessionStorage.getItem(CREDENTIALS_ITEM) || 'null');
  if (kept && kept.expiration - MARGIN_MS > Date.now()) return kept;
  // The requests of a view wait for one sign-in together.
  pending = pending || signIn().finally(() => { pending = null; });
  return pending;
}

/** Shows the sign-in form in the view's place until Cognito signs the person in; then their credentials. */
function signIn() {
  const view = document.getElementById('view');
  return new Promise((resolve) => {
    const finish = async (result) => resolve(await awsCredentials(result.IdToken));
    const passwordStep = form('Sign in to leadscore', [
      field('Email', 'email', 'email', 'username'),
      field('Password', 'password', 'password', 'current-password'),
    ], 'Sign in', async ({ email, password }) => {
      const answer = await cognito('cognito-idp', 'AWSCognitoIdentityProviderService.InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password } });
      if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
        show(view, newPasswordStep(email, answer.Session));
      } else if (answer.ChallengeName) {
        throw new Error(`Cognito asks for ${answer.ChallengeName}, which this sign-in does not offer.`);
      } else {
        await finish(answer.AuthenticationResult);
      }
    });
    const newPasswordStep = (email, session) => form('Choose your password', [
      field('New password (12 characters or more, upper and lower case, a digit)', 'newPassword', 'password',
          'new-password'),
    ], 'Set password and sign in', async ({ newPassword }) => {
      const answer = await cognito('cognito-idp', 'AWSCognitoIdentityProviderService.RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: config.userPoolClientId, Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword } });
      await finish(answer.AuthenticationResult);
    });
    show(view, passwordStep);
  });
}

function field(label, name, type, autocomplete) {
  return h('label', {}, label, h('input', { name, type, autocomplete, required: true }));
}

/** A form whose submission runs `step` with its values; what goes wrong is said under it, to try again. */
function form(title, fields, submit, step) {
  const problem = h('p', { class: 'note', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, submit);
  const element = h('form', {
    class: 'sign-in',
    onsubmit: async (event) => {
      event.preventDefault();
      const values = {};
      for (const input of element.querySelectorAll('input')) values[input.getAttribute('name')] = input.value;
      button.disabled = true;
      problem.hidden = true;
      try {
        await step(values);
      } catch (error) {
        show(problem, error.message);
        problem.hidden = false;
      } finally {
        button.disabled = false;
      }
    },
  }, h('h1', {}, title), fields, button, problem);
  return element;
}

/** The identity pool's exchange of an ID token of the user pool for temporary credentials of the dashboard's role. */
async function awsCredentials(idToken) {
  const logins = { [`cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`]: idToken };
  const { IdentityId } = await cognito('cognito-identity', 'AWSCognitoIdentityService.GetId',
      { IdentityPoolId: config.identityPoolId, Logins: logins });
  const { Credentials } = await cognito('cognito-identity', 'AWSCognitoIdentityService.GetCredentialsForIdentity',
      { IdentityId, Logins: logins });
  const kept = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey,
    sessionToken: Credentials.SessionToken, expiration: Credentials.Expiration * 1000 };
  sessionStorage.setItem(CREDENTIALS_ITEM, JSON.stringify(kept));
  return kept;
}

/** Cognito's JSON APIs, which a sign-in calls unsigned (the password or the ID token is the proof). */
async function cognito(service, target, body) {
  let response;
  try {
    response = await fetch(`https://${service}.${config.region}.amazonaws.com/`, {
      method: 'POST', cache: 'no-store', body: JSON.stringify(body),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    });
  } catch (e) {
    throw new Error(`Cognito did not answer (${e.message}).`);
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((answer && answer.message) || `Cognito answered ${response.status}.`);
  }
  return answer;
}
