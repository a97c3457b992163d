#!/usr/bin/env node
// The seed check through the real pipeline: imports the seeds' tables (test/fixtures/seeds) as an
// analyst would, evaluates the plans in plans/ and compares every goal's state and figures with the
// seed's own status statement (libs/testing/src/seed-check). Needs `npm run build`; exits 1 on a mismatch.
//   node scripts/seed-check.mjs [--markdown]
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureBroker } from './kafka.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const testing = createRequire(import.meta.url)(path.join(ROOT, 'dist/libs/testing/src/index.js'));
const markdown = process.argv.includes('--markdown');

await ensureBroker({ brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', log: () => undefined });
const result = await testing.runSeedCheck({ log: (line) => console.error(line) });
console.log(markdown ? testing.seedCheckMarkdown(result) : testing.seedCheckTable(result));
console.log('');
for (const line of testing.seedCheckSummary(result)) console.log(markdown ? `- ${line}` : line);
process.exitCode = testing.seedCheckCounts(result).mismatches > 0 ? 1 : 0;
