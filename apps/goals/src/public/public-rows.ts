import { z } from 'zod';
import { clusterBasis, explanation, goalRule, nationalBasis } from '@pejling/contracts';

/**
 * What the public page may read from a plan's stored document: its title, years, indicators and
 * focus areas with the goals' ids in the plan's order. zod drops every other key when it parses,
 * so owners, reporting recipients and the adopting committee never leave the repository.
 */
export const publicPlanDocument = z.object({
  title: z.string(),
  years: z.array(z.number().int()),
  indicators: z.array(z.object({ id: z.string(), labelDa: z.string(), labelEn: z.string(), unit: z.string() })).default([]),
  focusAreas: z.array(z.object({ id: z.string(), title: z.string(), goals: z.array(z.object({ id: z.string() })) })),
});
export type PublicPlanDocument = z.infer<typeof publicPlanDocument>;

export const publicPlanRow = z.object({ id: z.string(), municipality: z.string(), document: publicPlanDocument });
export type PublicPlanRow = z.infer<typeof publicPlanRow>;

export const publicMunicipalityRow = z.object({ code: z.string(), plans: z.number().int() });

const number = z.number().nullable();
/** An evaluation's benchmarks as stored (older rows lack the bases). */
export const storedBenchmarks = z
  .object({
    national: number.optional(),
    cluster: number.optional(),
    nationalBasis: nationalBasis.nullable().optional(),
    clusterBasis: clusterBasis.nullable().optional(),
  })
  .transform((b) => ({
    national: b.national ?? null,
    cluster: b.cluster ?? null,
    nationalBasis: b.nationalBasis ?? null,
    clusterBasis: b.clusterBasis ?? null,
  }));

const moment = z.union([z.date(), z.string()]).transform((value) => new Date(value).toISOString());

/** A goal of a public plan with its current state and the judgement behind it: no owner column is selected. */
export const publicGoalRow = z.object({
  id: z.string().uuid(),
  planId: z.string(),
  planGoalId: z.string(),
  focusArea: z.string(),
  text: z.string().nullable(),
  indicator: z.string(),
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  evaluationPeriod: z.string(),
  state: z.string(),
  statePeriod: z.string().nullable(),
  stateSince: moment.nullable(),
  value: number,
  required: number,
  benchmarks: storedBenchmarks.nullable(),
  explanation: explanation.nullable(),
});
export type PublicGoalRow = z.infer<typeof publicGoalRow>;

/** A state change (breach, at risk, recovery) of a public plan's goal, with when it was judged. */
export const publicChangeRow = z.object({
  goalId: z.string().uuid(),
  planId: z.string(),
  planGoalId: z.string(),
  text: z.string().nullable(),
  period: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  kind: z.enum(['breach', 'at_risk', 'recovery']),
  at: moment,
});
export type PublicChangeRow = z.infer<typeof publicChangeRow>;
