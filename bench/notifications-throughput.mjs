#!/usr/bin/env node
// Delivery throughput of the notifications service: N breach events (each for its own goal and
// owner, with a webhook to a local HTTP receiver) produced to Kafka at once, timed until the
// receiver has every signed webhook. Built service process, real broker, PostgreSQL and Redis.
//   npm run build && node bench/notifications-throughput.mjs [alerts=500] [concurrency=8]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureBroker } from '../scripts/kafka.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const testing = require(path.join(ROOT, 'dist/libs/testing/src/index.js'));
const contracts = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));
const alerts = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 8);

await ensureBroker({ log: () => undefined });
const receiver = new testing.TestWebhookReceiver();
const smtp = new testing.TestSmtpServer();
const hook = await receiver.start();
const world = await testing.createTestWorld({
  SMTP_URL: await smtp.start(),
  WEBHOOK_SIGNING_SECRET: 'bench-signing-secret-123',
  ACK_LINK_SECRET: 'bench-ack-link-secret-123',
  SECRETS_KEY: 'bench:YmVuY2gtc2VjcmV0cy1rZXktb2YtMzItYnl0ZXMhISE=',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  DELIVERY_CONCURRENCY: String(concurrency),
  LOG_LEVEL: 'warn',
});
const port = await testing.freePort();
const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/notifications/src/main.js')], {
  env: { ...process.env, ...world.env, PORT: String(port) },
  stdio: 'ignore',
});
try {
  await testing.waitUntil(
    async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok === true,
    60_000,
    'notifications',
  );
  const events = Array.from({ length: alerts }, (_, i) =>
    testing.goalTransitionEvent({
      owners: [{ name: `owner ${i}`, channels: [{ type: 'webhook', target: `${hook}/owner-${i}` }] }],
      municipality: ['101', '147', '151'][i % 3],
    }),
  );
  // Warm-up: one alert end to end, so start-up costs are not counted.
  const warmup = testing.goalTransitionEvent({ owners: [{ name: 'warm-up', channels: [{ type: 'webhook', target: `${hook}/warm-up` }] }] });
  await testing.produceRaw(contracts.TOPICS.goalTransitions, world.topicPrefix, [testing.asMessage(warmup)]);
  await testing.waitUntil(() => receiver.requests.length >= 1, 60_000, 'warm-up webhook');
  const started = performance.now();
  for (let i = 0; i < events.length; i += 500)
    await testing.produceRaw(contracts.TOPICS.goalTransitions, world.topicPrefix, events.slice(i, i + 500).map(testing.asMessage));
  await testing.waitUntil(() => receiver.requests.length >= alerts + 1, 600_000, `${alerts} webhooks`);
  const seconds = (performance.now() - started) / 1000;
  const ids = new Set(receiver.requests.map((request) => request.headers['pejling-delivery-id']));
  console.log(
    `notifications throughput: ${alerts} alerts delivered as signed webhooks to a local receiver in ${seconds.toFixed(2)} s = ${(alerts / seconds).toFixed(1)} alerts/s`,
  );
  console.log(
    `  (Kafka → episode + delivery committed → Bull job → HTTP POST → recorded; ${concurrency} concurrent sends; ${ids.size - 1} distinct delivery ids, ${receiver.requests.length - ids.size} duplicates)`,
  );
  console.log(`  command: npm run build && node bench/notifications-throughput.mjs ${alerts} ${concurrency}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await receiver.stop();
  await smtp.stop();
  await world.cleanup();
}
