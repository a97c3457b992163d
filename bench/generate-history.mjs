#!/usr/bin/env node
// A realistic national history for the backfill benchmark: 98 municipalities × 25 series × 120
// months (294.000 figures), written as the CSV analysts export (semicolons, Danish numbers,
// municipality names, Jobindsats period codes) and as Jobindsats API v2 JSON (one table per series).
//   npm run build && node bench/generate-history.mjs [outDir=.pejling/bench] [months=120]
// Deterministic (seeded), so every run measures the same file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const kernel = require(path.join(ROOT, 'dist/libs/domain-kernel/src/index.js'));

const outDir = path.resolve(ROOT, process.argv[2] ?? '.pejling/bench');
const months = Number(process.argv[3] ?? 120);
const firstMonth = '2015-01';

/** Mulberry32: a small seeded PRNG, so the file is the same every time. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20221231);
const normal = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

// National shares of the 16-66 population in percent (Frederikssund's Tabel 1, hele landet, 2. kv. 2021).
const BENEFITS = {
  'a-dagpenge': 2.5,
  kontanthjaelp: 1.6,
  uddannelseshjaelp: 0.9,
  'selvforsoergelses-og-hjemrejseydelse': 0.3,
  sygedagpenge: 2.7,
  jobafklaringsforloeb: 0.3,
  fleksjob: 2.3,
  ledighedsydelse: 0.4,
  ressourceforloeb: 0.6,
  revalidering: 0.1,
  forrevalidering: 0.02,
  foertidspension: 5.9,
  overgangsydelse: 0.05,
};
const GROUPS = kernel.GROUP_TOTALS.map((group) => ({ id: group.id, parts: group.parts }));
// Plan-declared indicators Jobindsats publishes as shares or counts (percent unless noted).
const PROCESS = {
  'process.a-dagpenge-3-samtaler-3-mdr': [88, 4],
  'exit.a-dagpenge-efter-13-uger': [80, 5],
  'exit.jobparate-kontanthjaelp-efter-13-uger': [35, 6],
  'process.langtidsledige-andel-af-bruttoledige': [22, 5],
  'rate.fleksjobledighed': [15, 4],
  'sickness.varighed-ny-sygemeldte-uger': [11, 2],
};

const municipalities = kernel.MUNICIPALITIES.map((municipality) => {
  // Populations 16-66 from about 1.200 (Læsø) to 450.000 (København), log-normally spread.
  const population = municipality.code === '101' ? 450_000 : Math.round(Math.exp(10.3 + 0.75 * normal()));
  const level = Object.fromEntries(Object.keys(BENEFITS).map((series) => [series, Math.max(0.2, 1 + 0.25 * normal())]));
  const process = Object.fromEntries(Object.keys(PROCESS).map((series) => [series, PROCESS[series][1] * normal()]));
  return { ...municipality, population: Math.max(1200, Math.min(450_000, population)), level, process };
});

const periods = Array.from({ length: months }, (_, index) => kernel.addMonths(firstMonth, index));
const seriesCount = Object.keys(BENEFITS).length + 1 + GROUPS.length + Object.keys(PROCESS).length;
fs.mkdirSync(outDir, { recursive: true });
const csv = fs.createWriteStream(path.join(outDir, 'history.csv'));
csv.write('Område;Periode;Ydelse;Antal\r\n');
const tables = new Map();
const label = (series) => kernel.findSeries(series)?.labelDa ?? series;
const jobindsatsPeriod = (period) => period.replace('-', 'M');
let rows = 0;
let anomalies = 0;

for (const [monthIndex, period] of periods.entries()) {
  const season = Math.sin((2 * Math.PI * (monthIndex % 12)) / 12);
  const trend = 1 - 0.002 * monthIndex;
  for (const municipality of municipalities) {
    const population = Math.round(municipality.population * (1 + 0.0005 * monthIndex) * (1 + 0.002 * normal()));
    const counts = {};
    for (const [series, share] of Object.entries(BENEFITS)) {
      const seasonal = series === 'a-dagpenge' || series === 'sygedagpenge' ? 1 + 0.08 * season : 1;
      counts[series] = Math.max(
        0,
        Math.round((population * share * municipality.level[series] * seasonal * trend * (1 + 0.02 * normal())) / 100),
      );
    }
    // One figure in two thousand is a typing error of the kind the jump check is for.
    if (random() < 0.0005) {
      counts['a-dagpenge'] *= 3;
      anomalies += 1;
    }
    const emit = (series, value, text) => {
      csv.write(`${municipality.name};${jobindsatsPeriod(period)};${label(series)};${text ?? kernel.formatNumberDa(value, 0)}\r\n`);
      const table = tables.get(series) ?? [];
      table.push([jobindsatsPeriod(period), municipality.name, text ?? kernel.formatNumberDa(value, 0)]);
      tables.set(series, table);
      rows += 1;
    };
    emit('befolkning-16-66', population);
    for (const [series, count] of Object.entries(counts)) emit(series, count);
    for (const group of GROUPS)
      emit(
        group.id,
        group.parts.reduce((sum, part) => sum + counts[part], 0),
      );
    for (const [series, [mean]] of Object.entries(PROCESS)) {
      const value = Math.min(100, Math.max(0, mean + municipality.process[series] + 2 * normal()));
      emit(series, value, series.startsWith('sickness.') ? kernel.formatNumberDa(value, 1) : `${kernel.formatNumberDa(value, 1)}%`);
    }
  }
}
await new Promise((resolve) => csv.end(resolve));

// The same figures as Jobindsats API v2 responses, one table per series.
const json = [...tables].map(([series, data]) => ({
  Series: series,
  Variables: [{ Label: 'Periode' }, { Label: 'Area' }, { Label: 'Antal fuldtidspersoner' }],
  Data: data,
}));
fs.writeFileSync(path.join(outDir, 'history.jobindsats.json'), JSON.stringify(json));
const size = (file) => `${(fs.statSync(path.join(outDir, file)).size / 1e6).toFixed(1)} MB`;
console.log(
  `generated ${rows} figures (${municipalities.length} municipalities × ${seriesCount} series × ${months} months, ${anomalies} injected jumps)`,
);
console.log(
  `  ${path.relative(ROOT, path.join(outDir, 'history.csv'))} (${size('history.csv')}), ${path.relative(ROOT, path.join(outDir, 'history.jobindsats.json'))} (${size('history.jobindsats.json')})`,
);
