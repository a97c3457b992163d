#!/usr/bin/env node
// A Pejling webhook receiver: verifies every delivery by the Standard Webhooks specification
// (standardwebhooks) and reads it as a CloudEvent (the cloudevents SDK's HTTP binding, binary
// mode), then prints one JSON line per delivery. Node's http only; no framework.
//
//   WEBHOOK_SECRET='whsec_…' PORT=4100 node examples/webhook-receiver/receiver.mjs
//
// WEBHOOK_SECRET may hold several secrets separated by spaces (e.g. the new and the old one while
// you roll a rotation out): a delivery verifies if any of them signed it.
import http from 'node:http';
import { HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';

const secrets = (process.env.WEBHOOK_SECRET ?? '').split(/\s+/).filter(Boolean);
if (secrets.length === 0) {
  console.error('Set WEBHOOK_SECRET to the subscription secret (whsec_…), the one shown when it was created or rotated.');
  process.exit(2);
}
const verifiers = secrets.map((secret) => new Webhook(secret));
const seen = new Map(); // webhook-id → when: a retried delivery keeps its id, so it is acknowledged, not handled twice
const DEDUPE_MS = 60 * 60 * 1000;

function verify(rawBody, headers) {
  let lastError;
  for (const verifier of verifiers) {
    try {
      // Checks the signature over "<webhook-id>.<webhook-timestamp>.<raw body>" and a timestamp within 5 minutes.
      verifier.verify(rawBody, headers);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    // Verify the raw bytes as received: re-serialised JSON would not match the signature.
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    try {
      verify(rawBody, headers);
    } catch (error) {
      print({ verified: false, webhookId: headers['webhook-id'] ?? null, reason: error.message });
      response.writeHead(401).end();
      return;
    }
    const webhookId = headers['webhook-id'];
    const now = Date.now();
    for (const [id, at] of seen) if (now - at > DEDUPE_MS) seen.delete(id);
    if (seen.has(webhookId)) {
      print({ verified: true, duplicate: true, webhookId });
      response.writeHead(204).end();
      return;
    }
    seen.set(webhookId, now);
    try {
      const event = HTTP.toEvent({ headers, body: rawBody });
      print({
        verified: true,
        webhookId,
        id: event.id,
        type: event.type,
        source: event.source,
        subject: event.subject,
        time: event.time,
        dataschema: event.dataschema,
        municipality: event.municipality,
        data: event.data,
      });
      response.writeHead(204).end();
    } catch (error) {
      print({ verified: true, webhookId, cloudEvent: false, reason: error.message });
      response.writeHead(400).end();
    }
  });
});

server.listen(Number(process.env.PORT ?? 4100), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  print({ listening: `http://${address}:${port}` });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
