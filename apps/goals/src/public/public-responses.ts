import { z } from 'zod';
import { clusterBasis, explanation, goalRule, nationalBasis } from '@pejling/contracts';
import { publicChangeRow } from './public-rows';

const iso = z.string().describe('ISO 8601 date-time');
const municipality = z.object({ code: z.string().regex(/^\d{3}$/), name: z.string() });

/** GET /v1/public/municipalities */
export const publicMunicipalitiesSchema = z.array(municipality.extend({ plans: z.number().int().describe('public plans') }));

export const publicGoalSchema = z.object({
  id: z.string().uuid(),
  planGoalId: z.string().describe('the id as printed in the plan, e.g. "Mål E"'),
  text: z.string().nullable().describe('the goal as printed in the plan'),
  indicator: z.object({ id: z.string(), label: explanation.describe('Danish and English'), unit: z.string().nullable() }),
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  evaluationPeriod: z.string(),
  state: z.string(),
  statePeriod: z.string().nullable(),
  stateSince: iso.nullable(),
  value: z.number().nullable().describe('the latest judged value'),
  required: z.number().nullable().describe('what the rule required for that period'),
  benchmarks: z.object({
    national: z.number().nullable(),
    cluster: z.number().nullable(),
    nationalBasis: nationalBasis.nullable(),
    clusterBasis: clusterBasis.nullable(),
  }),
  explanation,
});

/** GET /v1/public/municipalities/{code} */
export const publicMunicipalitySchema = z.object({
  municipality,
  plans: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      years: z.array(z.number().int()),
      focusAreas: z.array(z.object({ id: z.string(), title: z.string(), goals: z.array(publicGoalSchema) })),
    }),
  ),
});

/** GET /v1/public/municipalities/{code}/changes */
export const publicChangesSchema = z.object({
  municipality,
  // The row as stored, its moment as ISO text.
  changes: z.array(publicChangeRow.extend({ at: iso.describe('when the change was judged') })),
});

export type PublicMunicipalities = z.infer<typeof publicMunicipalitiesSchema>;
export type PublicMunicipality = z.infer<typeof publicMunicipalitySchema>;
export type PublicGoal = z.infer<typeof publicGoalSchema>;
export type PublicChanges = z.infer<typeof publicChangesSchema>;
