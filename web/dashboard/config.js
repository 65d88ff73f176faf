// Where the query API is. Empty: the page's own origin (the local runtime serves both). When the page is hosted
// elsewhere (S3), set the API's base URL here, e.g. 'https://abc123.execute-api.eu-west-1.amazonaws.com'.
export default {
  apiBase: '',
};
