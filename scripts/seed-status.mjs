#!/usr/bin/env node
// Prints every goal of the plans in plans/ with the state Pejling computes from the seeds' own
// status figures (libs/domain-goals/src/plans/seed-status.ts), and the explanation. Needs `npm run build`.
//   node scripts/seed-status.mjs [--markdown]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const goals = require(path.join(ROOT, 'dist/libs/domain-goals/src/index.js'));
const indicators = require(path.join(ROOT, 'dist/libs/domain-indicators/src/index.js'));
const markdown = process.argv.includes('--markdown');
const rows = [];
for (const file of fs
  .readdirSync(path.join(ROOT, 'plans'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()) {
  const result = goals.validatePlan(parse(fs.readFileSync(path.join(ROOT, 'plans', file), 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  const plan = result.plan;
  for (const goal of goals.planGoals(plan)) {
    const status = goals.SEED_STATUS.find((candidate) => candidate.plan === plan.id && candidate.goal === goal.id);
    const spec = { rule: goal.rule, direction: goal.direction, precision: goal.precision, applicability: goal.applicability };
    const reading = status?.reading ?? { period: `${plan.years[0] - 1}-12`, value: null };
    const outcome = goals.evaluateRule(spec, reading, { asOf: status?.asOf ?? reading.period });
    const derived = indicators.parseDerivedId(goal.indicator);
    const declared = plan.indicators.find((indicator) => indicator.id === (derived?.base ?? goal.indicator));
    const catalogued = indicators.findIndicator(goal.indicator);
    const base = declared && { ...declared, unit: declared.unit === 'percent' ? 'percent' : 'count', share: false };
    const labels = catalogued
      ? goals.explanationLabels(catalogued)
      : base && derived
        ? goals.explanationLabels(indicators.deriveIndicator(base, derived.derivation))
        : {
            indicatorDa: declared?.labelDa ?? goal.indicator,
            indicatorEn: declared?.labelEn ?? goal.indicator,
            unit: base?.unit ?? 'percent',
            subject: 'measure',
          };
    rows.push({
      plan: plan.id,
      goal: goal.id,
      state: outcome.state,
      printed: status?.printed ?? 'no status figures in the seed',
      why: goals.explainResult(spec, reading, outcome, labels).en,
    });
  }
  for (const skipped of plan.notEncoded)
    rows.push({ plan: plan.id, goal: skipped.id, state: '(not encoded)', printed: '', why: skipped.reason });
}
if (markdown) {
  console.log('| plan | goal | state | seed status | explanation |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.plan} | ${row.goal} | ${row.state} | ${row.printed} | ${row.why} |`);
} else {
  console.table(rows.map(({ plan, goal, state, printed }) => ({ plan, goal, state, printed })));
}
const counts = rows.reduce((all, row) => ({ ...all, [row.state]: (all[row.state] ?? 0) + 1 }), {});
console.log(
  Object.entries(counts)
    .map(([state, n]) => `${state}: ${n}`)
    .join(', '),
);
