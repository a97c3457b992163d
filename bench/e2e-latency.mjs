#!/usr/bin/env node
// End-to-end latency: POST /v1/figures → signed webhook received, over the four real service
// processes, Kafka, PostgreSQL, Redis and a local HTTP receiver. Prints the median of N runs.
//   npm run build && node bench/e2e-latency.mjs [runs=20]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureBroker } from '../scripts/kafka.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const testing = require(path.join(ROOT, 'dist/libs/testing/src/index.js'));
const runs = Number(process.argv[2] ?? 20);
const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'];

await ensureBroker({ log: () => undefined });
const smtp = new testing.TestSmtpServer();
const receiver = new testing.TestWebhookReceiver();
const smtpUrl = await smtp.start();
const hook = await receiver.start();
const world = await testing.createTestWorld({
  SMTP_URL: smtpUrl,
  WEBHOOK_SIGNING_SECRET: 'bench-signing-secret-123',
  ACK_LINK_SECRET: 'bench-ack-link-secret-123',
  SECRETS_KEY: 'bench:YmVuY2gtc2VjcmV0cy1rZXktb2YtMzItYnl0ZXMhISE=',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', // the receiver is on 127.0.0.1
  BULL_PREFIX: `bench-${Date.now()}`,
  LOG_LEVEL: 'warn',
});
const urls = {};
const children = [];
try {
  for (const name of SERVICES) {
    const port = await testing.freePort();
    urls[name] = `http://127.0.0.1:${port}`;
    children.push(
      spawn(process.execPath, [path.join(ROOT, `dist/apps/${name}/src/main.js`)], {
        env: { ...process.env, ...world.env, PORT: String(port) },
        stdio: 'ignore',
      }),
    );
  }
  for (const name of SERVICES)
    await testing.waitUntil(async () => (await fetch(`${urls[name]}/health`).catch(() => undefined))?.ok === true, 60_000, name);
  const admin = testing.apiClient(urls.goals, await world.apiKey('admin'));
  const integrator = testing.apiClient(urls.ingest, await world.apiKey('integrator'));
  await admin.post('/v1/goals', {
    name: 'bench goal',
    municipality: '147',
    indicator: 'share.sygedagpenge-mv',
    comparator: 'lte',
    target: 1.8,
    owner: { name: 'bench', webhookUrl: `${hook}/bench` },
  });
  const latencies = [];
  for (let run = 0; run < runs; run++) {
    // Alternate breach / recovery in a new month each run, so every run ends in one webhook.
    const month = String((run % 12) + 1).padStart(2, '0');
    const year = 2010 + Math.floor(run / 12);
    const sick = run % 2 === 0 ? 1400 : 1000;
    const before = receiver.requests.length;
    const started = performance.now();
    const response = await integrator.post('/v1/figures', {
      figures: [
        {
          municipality: '147',
          series: 'sygedagpenge',
          period: `${year}-${month}`,
          value: sick,
          unit: 'full-time-persons',
          source: 'bench',
        },
        {
          municipality: '147',
          series: 'jobafklaringsforloeb',
          period: `${year}-${month}`,
          value: 100,
          unit: 'full-time-persons',
          source: 'bench',
        },
        { municipality: '147', series: 'befolkning-16-66', period: `${year}-${month}`, value: 70400, unit: 'persons', source: 'bench' },
      ],
    });
    if (response.status !== 201) throw new Error(`POST failed: ${response.status}`);
    await testing.waitUntil(() => receiver.requests.length > before, 30_000, 'webhook');
    latencies.push(receiver.requests[before].receivedAt - (performance.timeOrigin + started));
  }
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)];
  console.log(
    `POST /v1/figures → webhook received, ${runs} runs: median ${median.toFixed(0)} ms, min ${latencies[0].toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await smtp.stop();
  await receiver.stop();
  await world.cleanup();
}
