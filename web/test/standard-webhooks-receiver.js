// A CRM's webhook endpoint written as its team would, with the standardwebhooks package (README "Signed webhooks"):
// `new Webhook(secret).verify(body, headers)` on the raw body. For each delivery it also tries the same request with a
// tampered body, and replayed four and six minutes after it was sent (the library's tolerance is five), then prints
// one JSON line; the local runtime's StandardWebhooksReceiverTest reads them. Answers 204 only to what verifies.
// Run: WEBHOOK_SECRET=whsec_... node test/standard-webhooks-receiver.js (prints {"listening": <port>} first).
'use strict';
const http = require('node:http');
const { Webhook } = require('standardwebhooks');

const webhook = new Webhook(process.env.WEBHOOK_SECRET);

/** The library's verdict: the verified payload, or why it refused. */
function verdict(body, headers) {
  try {
    return { payload: webhook.verify(body, headers) };
  } catch (error) {
    return { refused: error.message };
  }
}

/** The verdict as if it were `millis` now: the library compares the timestamp with Date.now(). */
function verdictAt(millis, body, headers) {
  const realNow = Date.now;
  Date.now = () => millis;
  try {
    return verdict(body, headers);
  } finally {
    Date.now = realNow;
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const sentMillis = Number(request.headers['webhook-timestamp']) * 1000;
    const delivered = verdict(body, request.headers);
    console.log(JSON.stringify({
      webhookId: request.headers['webhook-id'],
      delivered,
      tampered: verdict(body.replace(/"score":(\d+)/, '"score":9$1'), request.headers),
      fourMinutesLater: verdictAt(sentMillis + 4 * 60_000, body, request.headers).refused ?? 'verified',
      sixMinutesLater: verdictAt(sentMillis + 6 * 60_000, body, request.headers).refused ?? 'verified',
    }));
    response.writeHead(delivered.payload ? 204 : 401).end();
  });
});

server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ listening: server.address().port })));
// The test that started it holds stdin: when the test ends, so does the receiver.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
