import { z } from 'zod';
import { goalRule } from '@pejling/contracts';
import { Applicability, GoalRule, GoalSpec } from '@pejling/domain-goals';
import { EvaluationPeriodKind } from '@pejling/domain-kernel';

/** A goal as stored: its latest version (each period is judged by the version in force for it). */
export interface GoalRow {
  id: string;
  name: string;
  municipality: string;
  indicator_id: string;
  rule: GoalRule;
  direction: GoalSpec['direction'];
  severity: 'critical' | 'major' | 'minor';
  hysteresis: number;
  precision: number | null;
  horizon: string | null;
  applicability: Applicability | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_webhook_url: string | null;
  evaluation_period?: EvaluationPeriodKind;
}

/** A `goals` row read back (`SELECT g.*`): the fields above checked, the other columns passed through. */
export const goalRowSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  municipality: z.string(),
  indicator_id: z.string(),
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  severity: z.enum(['critical', 'major', 'minor']),
  hysteresis: z.number().int(),
  precision: z.number().int().nullable(),
  horizon: z.string().nullable(),
  applicability: z.object({ kind: z.literal('actual_above_expected') }).nullable(),
  owner_name: z.string().nullable(),
  owner_email: z.string().nullable(),
  owner_webhook_url: z.string().nullable(),
  evaluation_period: z.enum(['month', 'quarter', 'rolling-12-months', 'year']).optional(),
});

export function parseGoalRow(row: unknown): GoalRow {
  return goalRowSchema.parse(row);
}
