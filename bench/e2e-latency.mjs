#!/usr/bin/env node
// End-to-end latency: POST /v1/figures → signed webhook received, over the four real service
// processes, Kafka, PostgreSQL, Redis and a local HTTP receiver, with the production alert policy
// (MARK_HISTORICAL_TRANSITIONS on: only a goal's live periods are delivered). Prints p50/p95/p99 and
// PASS/FAIL for p99 < 500 ms; with --during-backfill it then uploads the backfill file and keeps
// probing until the pipeline has settled, and reports the latencies during the backfill.
//   npm run build && node bench/e2e-latency.mjs [runs=100] [--during-backfill] [--csv .pejling/bench/history.csv]
//
// Each probe posts one month of a municipality's sick-leave figures for a goal on that municipality
// (share.sygedagpenge-mv ≤ 1,8 %), alternately breaching and meeting it, so that every probe changes
// the state owners were last told about and ends in exactly one webhook. The months are the live
// ones (from the publication calendar's due month to the current month): an older month is history
// and is recorded, not delivered. A municipality has only those few live months, so the probes go
// through the municipalities without a plan, each with its own goal, one live month after another.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ensureBroker } from '../scripts/kafka.mjs';
import { loadPlans, pipelineProbe, ROOT, startServices, stopServices, testing, uploadCsv, waitSettled } from './lib/pipeline.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const kernel = require(path.join(ROOT, 'dist/libs/domain-kernel/src/index.js'));
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'during-backfill': { type: 'boolean', default: false }, csv: { type: 'string', default: '.pejling/bench/history.csv' } },
});
const runs = Number(positionals[0] ?? 100);
const duringBackfill = options['during-backfill'];
const csvFile = path.resolve(ROOT, options.csv);
if (duringBackfill && !fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const TARGET_P99_MS = 500;
const LAG_MONTHS = 2; // goals' PUBLICATION_LAG_MONTHS default
const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'];

// The live months and the municipalities the probes use (none of the plans' municipalities, so no
// plan goal is touched).
const liveMonths = [kernel.latestDuePeriod('month', kernel.monthOf(new Date()), LAG_MONTHS)];
while (liveMonths.at(-1) < kernel.monthOf(new Date())) liveMonths.push(kernel.addMonths(liveMonths.at(-1), 1));
const planMunicipalities = new Set(
  fs
    .readdirSync(path.join(ROOT, 'plans'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => /^municipality:\s*'?(\d{3})'?/m.exec(fs.readFileSync(path.join(ROOT, 'plans', file), 'utf8'))?.[1]),
);
const municipalities = kernel.MUNICIPALITIES.map((m) => m.code).filter((code) => !planMunicipalities.has(code));
if (runs > municipalities.length * liveMonths.length)
  throw new Error(
    `at most ${municipalities.length * liveMonths.length} runs (${municipalities.length} municipalities × ${liveMonths.length} live months)`,
  );

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted, q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
const stats = (latencies) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted.length === 0
    ? { runs: 0 }
    : {
        runs: sorted.length,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
        min: sorted[0],
        max: sorted.at(-1),
      };
};
const ms = (value) => (value === undefined ? '-' : `${Math.round(value)} ms`);
const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
};

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
  MARK_HISTORICAL_TRANSITIONS: 'true', // the production default: a backfill's history is not delivered
  PUBLICATION_LAG_MONTHS: String(LAG_MONTHS),
  BULL_PREFIX: `bench-${Date.now()}`,
  LOG_LEVEL: 'warn',
});
const admin = testing.testKafka().admin();
await admin.connect();
const db = new Client({ connectionString: world.databaseUrl });
await db.connect();
const children = new Map();
try {
  const running = await startServices(world, SERVICES, { logPrefix: 'latency-' });
  for (const [name, child] of running.children) children.set(name, child);
  const { urls } = running;
  const adminKey = await world.apiKey('admin');
  const goalsApi = testing.apiClient(urls.goals, adminKey);
  const integrator = testing.apiClient(urls.ingest, await world.apiKey('integrator'));
  const probe = pipelineProbe(world, admin, db);
  const goals = await loadPlans(urls.goals, adminKey);
  await waitSettled(probe);

  // Probe slots: municipality by municipality within a live month, then the next month; the no-load
  // runs take the first municipalities, the probes during the backfill the others.
  const withGoal = new Set();
  const slotsFor = (codes) =>
    liveMonths.flatMap((month, index) => codes.map((municipality) => ({ municipality, month, breach: index % 2 === 0 })));
  const perMonth = Math.ceil(runs / liveMonths.length);
  const quiet = slotsFor(municipalities.slice(0, perMonth)).slice(0, runs);
  const busy = slotsFor(municipalities.slice(perMonth));

  /** One probe: POST the month's figures, wait for the webhook about that municipality and month; ms. */
  const runProbe = async ({ municipality, month, breach }, timeoutMs) => {
    if (!withGoal.has(municipality)) {
      const created = await goalsApi.post('/v1/goals', {
        name: `bench goal ${municipality}`,
        municipality,
        indicator: 'share.sygedagpenge-mv',
        comparator: 'lte',
        target: 1.8,
        owner: { name: `bench ${municipality}`, webhookUrl: `${hook}/bench/${municipality}` },
      });
      if (created.status !== 201) throw new Error(`POST /v1/goals: ${created.status} ${JSON.stringify(created.body)}`);
      withGoal.add(municipality);
    }
    const about = (request) => {
      try {
        const { data } = JSON.parse(request.rawBody);
        return data?.municipality === municipality && data?.period === month;
      } catch {
        return false;
      }
    };
    const started = performance.now();
    const figure = (series, value, unit) => ({ municipality, series, period: month, value, unit, source: 'bench' });
    const response = await integrator.post('/v1/figures', {
      figures: [
        figure('sygedagpenge', breach ? 1400 : 1000, 'full-time-persons'),
        figure('jobafklaringsforloeb', 100, 'full-time-persons'),
        figure('befolkning-16-66', 70400, 'persons'),
      ],
    });
    if (response.status !== 201) throw new Error(`POST /v1/figures: ${response.status} ${JSON.stringify(response.body)}`);
    await testing.waitUntil(() => receiver.requests.some(about), timeoutMs, `webhook for ${municipality} ${month}`);
    return receiver.requests.find(about).receivedAt - (performance.timeOrigin + started);
  };

  const noLoad = [];
  for (const slot of quiet) noLoad.push(await runProbe(slot, 30_000));
  const quietStats = stats(noLoad);
  const result = {
    bench: 'e2e-latency',
    date: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    liveMonths,
    targetP99Ms: TARGET_P99_MS,
    noLoad: { ...quietStats, pass: quietStats.p99 < TARGET_P99_MS, latencies: noLoad },
  };

  if (duringBackfill) {
    // Upload the backfill and probe until everything downstream has settled.
    const during = [];
    let uploaded = null;
    let settledAt = null;
    const figuresBefore = await probe.published('figures');
    const started = Date.now();
    const upload = uploadCsv(urls.ingest, adminKey, csvFile).then((imported) => {
      uploaded = Date.now();
      return imported;
    });
    // The probes keep the pipeline from ever being quiet, so the backfill counts as settled at the
    // first poll where its figures are all consumed and nothing but the probes' live months is left.
    const poll = async (condition, what) => {
      while (!(await condition())) {
        if (Date.now() - started > 1_800_000) throw new Error(`the backfill did not settle in 30 minutes (${what})`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const backfillSettled = async () => {
      const { rows } = await upload;
      await poll(async () => (await probe.published('figures')) >= figuresBefore + rows.created, 'figures on Kafka');
      const figuresOnKafka = await probe.published('figures');
      await poll(async () => (await probe.committed('indicators', 'figures')) >= figuresOnKafka, 'figures consumed');
      await poll(async () => (await probe.busyWith({ before: liveMonths[0] })) === null, 'the tail');
      return Date.now();
    };
    const settled = backfillSettled().then((at) => (settledAt = at));
    let failed = false;
    settled.catch(() => (failed = true)); // awaited below
    let whileStoring = 0;
    for (const slot of busy) {
      if (settledAt !== null || failed) break;
      const storing = uploaded === null;
      during.push(await runProbe(slot, 600_000));
      if (storing) whileStoring += 1;
    }
    const ranOutOfProbes = settledAt === null && !failed;
    const imported = await upload;
    await settled;
    result.duringBackfill = {
      file: path.relative(ROOT, csvFile),
      figures: imported.rows.created,
      goals,
      storedSeconds: (uploaded - started) / 1000,
      settledSeconds: (settledAt - started) / 1000,
      probesWhileStoring: whileStoring,
      ranOutOfProbes,
      ...stats(during),
      latencies: during,
    };
  }

  const d = result.duringBackfill;
  console.log(
    `POST /v1/figures → signed webhook received; live months ${liveMonths[0]}…${liveMonths.at(-1)}, historical transitions not delivered (production policy); ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    table([
      ['', 'probes', 'p50', 'p95', 'p99', 'max', 'target', 'result'],
      [
        'no load',
        quietStats.runs,
        ms(quietStats.p50),
        ms(quietStats.p95),
        ms(quietStats.p99),
        ms(quietStats.max),
        `p99 < ${TARGET_P99_MS} ms`,
        result.noLoad.pass ? 'PASS' : 'FAIL',
      ],
      ...(d
        ? [
            [
              `during a backfill (${d.figures} figures, ${d.goals} plan goals)`,
              d.runs,
              ms(d.p50),
              ms(d.p95),
              ms(d.p99),
              ms(d.max),
              'reported',
              '',
            ],
          ]
        : []),
    ]),
  );
  if (d) {
    console.log(
      `  the backfill: HTTP 201 after ${d.storedSeconds.toFixed(1)} s, settled after ${d.settledSeconds.toFixed(1)} s; ${d.probesWhileStoring} probe(s) started while it was being stored`,
    );
    if (d.ranOutOfProbes) console.log(`  (the probes ran out of live municipality-months before the backfill settled)`);
    if (d.runs < 100) console.log(`  (with fewer than 100 probes, p99 is their maximum)`);
  }
  const resultsDir = path.join(ROOT, '.pejling/bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const resultFile = path.join(resultsDir, `e2e-latency-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Result: ${path.relative(ROOT, resultFile)}`);
} finally {
  await stopServices(children);
  await admin.disconnect();
  await db.end();
  await smtp.stop();
  await receiver.stop();
  await world.cleanup();
}
