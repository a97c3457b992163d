import { z } from 'zod';

const municipality = z.object({ code: z.string(), name: z.string() });
const bilingual = z.object({ da: z.string(), en: z.string() });

/** goals: GET /v1/public/municipalities */
export const publicMunicipalitiesResponse = z.array(municipality.extend({ plans: z.number() }));
export type PublicMunicipalityListing = z.infer<typeof publicMunicipalitiesResponse>[number];

const basis = z.looseObject({}).nullable();
export const publicGoalSchema = z.object({
  id: z.string(),
  planGoalId: z.string(),
  text: z.string().nullable(),
  indicator: z.object({ id: z.string(), label: bilingual, unit: z.string().nullable() }),
  rule: z.unknown(),
  direction: z.string(),
  state: z.string(),
  statePeriod: z.string().nullable(),
  stateSince: z.string().nullable(),
  value: z.number().nullable(),
  required: z.number().nullable(),
  benchmarks: z.object({ national: z.number().nullable(), cluster: z.number().nullable(), nationalBasis: basis, clusterBasis: basis }),
  explanation: bilingual,
});
export type PublicGoal = z.infer<typeof publicGoalSchema>;

/** goals: GET /v1/public/municipalities/{code} */
export const publicMunicipalityResponse = z.object({
  municipality,
  plans: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      years: z.array(z.number()),
      focusAreas: z.array(z.object({ id: z.string(), title: z.string(), goals: z.array(publicGoalSchema) })),
    }),
  ),
});
export type PublicMunicipality = z.infer<typeof publicMunicipalityResponse>;

/** goals: GET /v1/public/municipalities/{code}/changes */
export const publicChangesResponse = z.object({
  municipality,
  changes: z.array(
    z.object({
      goalId: z.string(),
      planId: z.string(),
      planGoalId: z.string(),
      text: z.string().nullable(),
      period: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      kind: z.string(),
      at: z.string(),
    }),
  ),
});
export type PublicChange = z.infer<typeof publicChangesResponse>['changes'][number];

/** notifications: GET /v1/public/municipalities/{code}/notes */
export const publicNotesResponse = z.array(z.object({ goalId: z.string(), note: z.string(), acknowledgedAt: z.string() }));
export type PublicNote = z.infer<typeof publicNotesResponse>[number];
