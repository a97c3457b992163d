import { z } from 'zod';
import { goalRule } from '@pejling/contracts';
import { findIndicator } from '@pejling/domain-indicators';
import { findMunicipality } from '@pejling/domain-kernel';
import { ownerSchema } from '../owners/owner.schema';

const comparator = z.enum(['lt', 'lte', 'gt', 'gte'], { error: "must be one of 'lt', 'lte', 'gt', 'gte'" });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

const fields = {
  name: z.string().trim().min(1, 'is required').max(300),
  municipality: z.string().refine((code) => !!findMunicipality(code), 'is not a Danish municipality code'),
  indicator: z
    .string()
    .refine((id) => !!findIndicator(id), 'is not a known indicator (see GET /v1/indicators/definitions on the indicators service)'),
  /** Any goal kind; or give `comparator` and `target` for an absolute threshold. */
  rule: goalRule.optional(),
  comparator: comparator.optional(),
  target: z.number({ error: 'must be a number' }).finite().optional(),
  direction: z.enum(['lower_is_better', 'higher_is_better']).optional(),
  severity: z.enum(['critical', 'major', 'minor']).default('major'),
  hysteresis: z.number().int().min(1).max(12).default(1),
  evaluationPeriod: z.enum(['month', 'quarter', 'rolling-12-months', 'year']).default('month'),
  precision: z.number().int().min(0).max(6).optional(),
  horizon: month.optional(),
  applicability: z.object({ kind: z.literal('actual_above_expected') }).optional(),
  owner: ownerSchema,
};

/** A goal as the API takes it: a threshold shorthand is turned into a rule, and the direction defaults from it. */
export const goalSchema = z
  .object(fields)
  .superRefine((goal, context) => {
    if (!goal.rule && (goal.comparator === undefined || goal.target === undefined)) {
      context.addIssue({ code: 'custom', path: ['rule'], message: 'is required (or give comparator and target for a threshold goal)' });
    }
  })
  .transform(({ comparator: cmp, target, ...goal }) => {
    const rule = goal.rule ?? { kind: 'threshold' as const, comparator: cmp ?? 'lte', target: target ?? 0 };
    const lowerComparators = ['lt', 'lte'];
    const inferred = 'comparator' in rule && !lowerComparators.includes(rule.comparator) ? 'higher_is_better' : 'lower_is_better';
    return { ...goal, rule, direction: goal.direction ?? inferred };
  });

export type GoalInput = z.output<typeof goalSchema>;

export const goalPatchSchema = z
  .object({
    ...fields,
    severity: fields.severity.unwrap().optional(),
    hysteresis: fields.hysteresis.unwrap().optional(),
    evaluationPeriod: fields.evaluationPeriod.unwrap().optional(),
    effectiveFrom: month.optional(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .transform(({ comparator: cmp, target, ...patch }) => ({
    ...patch,
    rule: patch.rule ?? (cmp !== undefined && target !== undefined ? { kind: 'threshold' as const, comparator: cmp, target } : undefined),
  }));
export type GoalPatch = z.output<typeof goalPatchSchema>;
