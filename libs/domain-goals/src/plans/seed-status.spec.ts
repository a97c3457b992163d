import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { evaluateRule } from '../engine/evaluate';
import { planGoals, validatePlan } from './plan-schema';
import { SEED_STATUS } from './seed-status';

const PLANS = path.resolve(__dirname, '../../../../plans');

function loadGoals() {
  const goals = new Map<string, ReturnType<typeof planGoals>[number]>();
  for (const file of fs.readdirSync(PLANS).filter((name) => name.endsWith('.yaml'))) {
    const result = validatePlan(parse(fs.readFileSync(path.join(PLANS, file), 'utf8')));
    if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
    for (const goal of planGoals(result.plan)) goals.set(`${result.plan.id}/${goal.id}`, goal);
  }
  return goals;
}

/** Golden: the state Pejling computes for each seed goal from the seed's own figures. */
describe('seed goals judged on the seeds’ own status figures (golden)', () => {
  const goals = loadGoals();

  it.each(SEED_STATUS.map((status) => [`${status.plan} ${status.goal}`, status] as const))('%s', (_name, status) => {
    const goal = goals.get(`${status.plan}/${status.goal}`);
    expect(goal).toBeDefined();
    const outcome = evaluateRule(
      { rule: goal!.rule, direction: goal!.direction, precision: goal!.precision, applicability: goal!.applicability },
      status.reading,
      { asOf: status.asOf },
    );
    expect(outcome.state).toBe(status.expected);
  });

  it('covers every encoded goal of the plans', () => {
    const covered = new Set(SEED_STATUS.map((status) => `${status.plan}/${status.goal}`));
    const missing = [...goals.keys()].filter((key) => !covered.has(key));
    // Goals with neither a status figure nor a catalogue row that implies one are listed here on purpose.
    expect(missing.sort()).toEqual(
      [
        'dragoer-2022-2023/DR-1.2',
        'dragoer-2022-2023/DR-2.1',
        'dragoer-2022-2023/DR-2.2',
        'dragoer-2022-2023/DR-3.1',
        'dragoer-2022-2023/DR-3.3',
        'dragoer-2022-2023/DR-4.1',
        'dragoer-2022-2023/DR-4.2',
        'dragoer-2022-2023/DR-4.3',
        'dragoer-2022-2023/DR-4.4',
        'dragoer-2022-2023/DR-5.1',
        'dragoer-2022-2023/DR-5.2',
        'dragoer-2022-2023/DR-5.3',
        'dragoer-2022-2023/DR-6.1',
        'dragoer-2022-2023/DR-6.2',
        'dragoer-2022-2023/DR-6.3',
      ].sort(),
    );
  });
});
