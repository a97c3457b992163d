#!/usr/bin/env node
// What the strict JSON checks (nesting depth, keys given twice) cost on a large figures batch, as a
// ratio to the JSON.parse that body-parser runs on the same text anyway. Target: at most 3 ×.
//   npm run build && node bench/json-body-checks.mjs [figures=12000] [runs=20]
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { duplicateKeys, jsonDepth } = require(path.join(ROOT, 'dist/libs/platform/src/http/duplicate-keys.js'));
const [count = 12_000, runs = 20] = process.argv.slice(2).map(Number);

const figures = Array.from({ length: count }, (_, i) => ({
  source: 'jobindsats',
  series: 'ydelser.fuldtidspersoner.a-dagpenge',
  municipality: String(101 + (i % 98)).padStart(3, '0'),
  period: `20${10 + (i % 10)}-0${1 + (i % 9)}`,
  value: 1234.5 + i,
  unit: 'persons',
}));
const text = JSON.stringify({ figures });
/** Mean milliseconds per call over `runs`, after one warm-up call. */
function time(fn) {
  fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  return Number(process.hrtime.bigint() - started) / 1e6 / runs;
}
const parse = time(() => JSON.parse(text));
const depth = time(() => jsonDepth(text));
const duplicates = time(() => duplicateKeys(text));
const ratio = (depth + duplicates) / parse;
console.log(`body ${(text.length / 1e6).toFixed(2)} MB (${count} figures), ${runs} runs each`);
console.log(`JSON.parse ${parse.toFixed(1)} ms; jsonDepth ${depth.toFixed(1)} ms; duplicateKeys ${duplicates.toFixed(1)} ms`);
console.log(`checks / JSON.parse = ${ratio.toFixed(2)} (target ≤ 3): ${ratio <= 3 ? 'PASS' : 'FAIL'}`);
process.exitCode = ratio <= 3 ? 0 : 1;
