#!/usr/bin/env node
// Committee report rendering with a real history: the seed plans on a generated national history
// (98 municipalities × 25 series × `months` months through the real pipeline), then each plan's
// report of its last half-year made through the console's REST API and printed to PDF by Chromium
// `runs` times (a draft is rendered afresh on every request). Prints per plan its goals, page count
// and render time (median, max), and the largest plan's time as a ratio of the smallest's.
//   npm run bench:reports          (= build, then this with months=24, runs=5)
//   node bench/report-render.mjs [months=24] [runs=5]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, startLoadedConsole } from './lib/pipeline.mjs';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const months = Number(process.argv[2] ?? 24);
const runs = Number(process.argv[3] ?? 5);
const historyDir = path.join(ROOT, `.pejling/bench/reports-${months}`);
const csvFile = path.join(historyDir, 'history.csv');
if (!fs.existsSync(csvFile))
  execFileSync(process.execPath, [path.join(ROOT, 'bench/generate-history.mjs'), historyDir, String(months)], { stdio: 'inherit' });

const { system, adminKey, figures, settledMs, close } = await startLoadedConsole('reports', csvFile);
try {
  console.log(`history loaded: ${figures} figures (${months} months), settled in ${(settledMs / 1000).toFixed(0)} s`);

  const api = (pathname, init = {}) =>
    fetch(`${system.consoleUrl}/api/v1${pathname}`, {
      ...init,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', ...init.headers },
    });
  const goals = await (await fetch(`${system.urls.goals}/v1/goals`, { headers: { authorization: `Bearer ${adminKey}` } })).json();
  const latest = goals
    .map((goal) => goal.statePeriod)
    .filter((period) => /^\d{4}-\d{2}$/.test(period ?? ''))
    .sort()
    .pop();
  // The last half-year the history covers: the latest June or December at or before its last month.
  const [year, month] = latest.split('-').map(Number);
  const to = month === 12 ? `${year}-12` : month >= 6 ? `${year}-06` : `${year - 1}-12`;
  const from = `${to.slice(0, 4)}-${to.endsWith('06') ? '01' : '07'}`;
  const rows = [];
  for (const file of fs
    .readdirSync(path.join(ROOT, 'plans'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const plan = parse(fs.readFileSync(path.join(ROOT, 'plans', file), 'utf8'));
    const made = await api('/reports', { method: 'POST', body: JSON.stringify({ planId: plan.id, from, to }) });
    if (made.status >= 300) throw new Error(`report of ${plan.id}: HTTP ${made.status} ${await made.text()}`);
    const report = await made.json();
    const times = [];
    let pages = 0;
    let bytes = 0;
    for (let run = 0; run <= runs; run += 1) {
      const begun = performance.now();
      const pdf = await api(`/reports/${report.id}/report.pdf`);
      const body = Buffer.from(await pdf.arrayBuffer());
      if (pdf.status !== 200) throw new Error(`PDF of ${plan.id}: HTTP ${pdf.status} ${body.toString().slice(0, 300)}`);
      if (run > 0) times.push(performance.now() - begun); // the first is a warm-up (Chromium's start)
      pages = Number(pdf.headers.get('x-report-pages'));
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    rows.push({
      plan: plan.id,
      goals: plan.focusAreas.reduce((sum, area) => sum + area.goals.length, 0),
      pages,
      kib: Math.round(bytes / 1024),
      median: times[Math.floor(times.length / 2)],
      max: times[times.length - 1],
    });
  }
  console.log(`\nreport ${from} – ${to}, ${runs} renders per plan after one warm-up (gather from the services + HTML + Chromium PDF):`);
  console.log('plan                              goals  pages    KiB  median ms  max ms');
  for (const row of rows)
    console.log(
      `${row.plan.padEnd(34)}${String(row.goals).padStart(5)}${String(row.pages).padStart(7)}${String(row.kib).padStart(7)}${row.median.toFixed(0).padStart(11)}${row.max.toFixed(0).padStart(8)}`,
    );
  const largest = rows.reduce((best, row) => (row.goals > best.goals ? row : best));
  const smallest = rows.reduce((best, row) => (row.goals < best.goals ? row : best));
  console.log(
    `\nlargest plan ${largest.plan} (${largest.goals} goals): ${largest.pages} pages in ${(largest.median / 1000).toFixed(2)} s (median); ${(largest.median / smallest.median).toFixed(2)}× the smallest plan's (${smallest.plan}, ${smallest.goals} goal(s))`,
  );
} finally {
  await close();
}
