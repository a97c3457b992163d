import { z } from 'zod';

/** A catalogue share (IndicatorDefinition). */
const indicatorDefinitionSchema = z.object({
  id: z.string(),
  labelDa: z.string(),
  labelEn: z.string(),
  numerator: z.array(z.string()).describe('Series summed in the numerator'),
  denominator: z.string(),
  unit: z.literal('percent'),
});

/** An indicator derived from a share (DerivedIndicatorDefinition). */
const derivedIndicatorDefinitionSchema = z.object({
  id: z.string(),
  labelDa: z.string(),
  labelEn: z.string(),
  subjectDa: z.string(),
  subjectEn: z.string(),
  unit: z.enum(['percent', 'pp', 'count']),
  derivation: z.enum(['change-12m', 'mean-12m']),
  base: z.string(),
  baseUnit: z.enum(['percent', 'count']),
});

/** GET /v1/indicators/definitions: catalogue shares first, then derived indicators. */
export const indicatorCatalogueSchema = z.array(z.union([indicatorDefinitionSchema, derivedIndicatorDefinitionSchema]));

const developmentSchema = z.object({ from: z.number(), to: z.number(), change: z.number(), percent: z.number().nullable() });

/** A point of a derived series (DerivedPoint). */
const derivedPointSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  sameMonthLastYear: developmentSchema.nullable(),
  sinceBaseline: developmentSchema.nullable(),
  rolling12: z.number().nullable(),
});

/** GET /v1/indicators/series (GetIndicatorSeries): the share's developments, with the numerator's (the count) alongside. */
export const indicatorSeriesSchema = z.array(derivedPointSchema.extend({ count: derivedPointSchema }));
