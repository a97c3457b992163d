import { EventEnvelope } from '@pejling/contracts';
import { earlierFrom, firstAffectedPeriod } from '@pejling/domain-goals';
import { Period, periodEndMonth } from '@pejling/domain-kernel';
import { UnitOfWork } from '@pejling/platform';
import { AlertPolicy } from './alert-policy';
import { GoalRow } from './goal-row';
import { BENCHMARK_ACTUAL, BENCHMARK_EXPECTED, IndicatorReading } from './indicator-reading';
import { conditionalGoalsOf, goalsOf, storeReadings } from './readings.repository';
import { rejudgeGoal } from './rejudge-goal';
import { goalVersions } from './goal-versions.repository';

export interface ReadingEvent {
  eventId: string;
  reading: IndicatorReading;
}

/**
 * Stores a batch of readings and re-judges every goal they affect once, from the earliest period
 * the batch affects on: a reading affects its goals from its period on (a change goal's baseline:
 * every period), and a ministry benchmark pair the municipality's conditional goals from the month
 * it ends in. A backfill in period order thus judges only the newest periods.
 */
export async function applyReadings(
  unit: UnitOfWork,
  batch: readonly ReadingEvent[],
  policy: AlertPolicy,
): Promise<{ events: EventEnvelope[]; goalsJudged: number }> {
  const { manager } = unit;
  const readings = batch.map(({ reading }) => reading);
  await storeReadings(manager, readings);
  const affected = new Map<string, { goal: GoalRow; periods: Period[]; from: Period | null | undefined; cause: string }>();
  const touch = (goal: GoalRow, cause: string) => {
    const entry = affected.get(goal.id) ?? { goal, periods: [], from: undefined, cause };
    entry.cause = cause;
    affected.set(goal.id, entry);
    return entry;
  };
  const goals = await goalsOf(manager, readings);
  const benchmarkEnds = new Map<string, { end: Period; cause: string }>();
  for (const { eventId, reading } of batch) {
    for (const goal of goals.get(`${reading.indicatorId}|${reading.municipality}`) ?? []) touch(goal, eventId).periods.push(reading.period);
    if (reading.indicatorId === BENCHMARK_ACTUAL || reading.indicatorId === BENCHMARK_EXPECTED) {
      const end = periodEndMonth(reading.period);
      const known = benchmarkEnds.get(reading.municipality);
      benchmarkEnds.set(reading.municipality, { end: known && known.end < end ? known.end : end, cause: eventId });
    }
  }
  for (const entry of affected.values()) {
    entry.from = firstAffectedPeriod(entry.periods, await baselinePeriods(unit, entry.goal));
  }
  for (const goal of await conditionalGoalsOf(manager, [...benchmarkEnds.keys()])) {
    const benchmark = benchmarkEnds.get(goal.municipality) as { end: Period; cause: string };
    const entry = touch(goal, affected.get(goal.id)?.cause ?? benchmark.cause);
    // A month bound: every period that ends in or after the benchmark's last month sorts at or after it.
    entry.from = earlierFrom(entry.from, benchmark.end);
  }

  const events: EventEnvelope[] = [];
  for (const { goal, from, cause } of [...affected.values()].sort((a, b) => a.goal.id.localeCompare(b.goal.id))) {
    events.push(...(await rejudgeGoal(unit, goal, from ?? null, cause, policy)));
  }
  return { events, goalsJudged: affected.size };
}

/** The baseline periods of the goal's change rules, in every version. */
async function baselinePeriods({ manager }: UnitOfWork, goal: GoalRow): Promise<Period[]> {
  const rules = [goal.rule, ...(await goalVersions(manager, goal.id)).map((version) => version.spec.rule)];
  return rules.flatMap((rule) => (rule.kind === 'change_by_deadline' ? [rule.baselinePeriod] : []));
}
