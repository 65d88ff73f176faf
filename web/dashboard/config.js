// Where the query API is, and how the page signs in to it. Empty apiBase: the page's own origin (the local runtime
// serves both, and so does the API in AWS). signIn 'key': the admin key the local runtime puts in the address. In AWS
// the dashboard function serves this file with signIn 'cognito' and the stack's user pool, client, identity pool and
// region (io.leadscore.dashboard.DashboardConfig; aws-sign-in.js).
export default {
  apiBase: '',
  signIn: 'key',
};
