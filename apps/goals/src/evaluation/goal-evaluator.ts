import { EntityManager } from 'typeorm';
import { GoalEvaluated } from '@pejling/contracts';
import { ExplanationLabels, explanationLabels } from '@pejling/domain-goals';
import {
  ClusterBasis,
  deriveIndicator,
  findIndicator,
  NationalBasis,
  parseDerivedId,
} from '@pejling/domain-indicators';
import { periodKind } from '@pejling/domain-kernel';
import { GoalRow } from '../goals/goal-row';

export interface IndicatorReading {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  inputs: Record<string, unknown>;
  /** With what they are (official or computed national figure and its coverage, the cluster's source); absent in readings stored before v4. */
  benchmarks: { national: number | null; cluster: number | null; nationalBasis?: NationalBasis | null; clusterBasis?: ClusterBasis | null };
  /** 1 = lowest value; `countryOf`/`clusterOf` let a higher-is-better goal read it the other way round. */
  rank: { country: number | null; cluster: number | null; countryOf?: number; clusterOf?: number };
}

export const TRANSITION_EVENT = { breach: 'goal.breached', at_risk: 'goal.at-risk', recovery: 'goal.recovered', stale: 'goal.stale' } as const;

/** The `goal.evaluated` payload: the goal's identity and rule, plus what one evaluation found. */
export function evaluatedPayload(goal: GoalRow, found: Omit<GoalEvaluated, 'goalId' | 'goalName' | 'municipality' | 'indicatorId' | 'rule' | 'direction' | 'periodKind'>): GoalEvaluated {
  return {
    goalId: goal.id,
    goalName: goal.name,
    municipality: goal.municipality,
    indicatorId: goal.indicator_id,
    rule: goal.rule,
    direction: goal.direction,
    periodKind: periodKind(found.period),
    ...found,
  };
}

/**
 * The ministry benchmark published ready-made (Jobindsats' expected vs actual full-time persons on
 * public support), posted through ingest as the series below; they decide whether conditional goals apply.
 */
export const BENCHMARK_ACTUAL = 'benchmark.faktiske-fuldtidspersoner';
export const BENCHMARK_EXPECTED = 'benchmark.forventede-fuldtidspersoner';

/**
 * Catalogue labels, or the labels and unit the goal's plan declares for its own indicators; a
 * derived id (`….change-12m`, `….mean-12m`) of a declared indicator is labelled from its base.
 */
export async function indicatorLabels(manager: EntityManager, goal: GoalRow): Promise<ExplanationLabels> {
  const catalogued = findIndicator(goal.indicator_id);
  if (catalogued) return explanationLabels(catalogued);
  const derived = parseDerivedId(goal.indicator_id);
  const [declared] = await manager.query(
    `SELECT indicator FROM goals g
       JOIN plans p ON p.id = g.plan_id
       JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version,
       jsonb_array_elements(v.document->'indicators') AS indicator
      WHERE g.id = $1 AND indicator->>'id' = $2`,
    [goal.id, derived?.base ?? goal.indicator_id],
  );
  const plan = declared?.indicator as { labelDa: string; labelEn: string; unit: string } | undefined;
  if (plan && derived) return explanationLabels(deriveIndicator({ id: derived.base, labelDa: plan.labelDa, labelEn: plan.labelEn, unit: plan.unit === 'percent' ? 'percent' : 'count', share: false }, derived.derivation));
  return {
    indicatorDa: plan?.labelDa ?? goal.indicator_id,
    indicatorEn: plan?.labelEn ?? goal.indicator_id,
    unit: plan && plan.unit !== 'percent' ? 'count' : 'percent',
    subject: 'measure',
  };
}

