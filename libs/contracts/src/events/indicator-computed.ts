import { z } from 'zod';
import { monthPeriod, municipalityCode } from './common';

/** An indicator got a new value for a municipality and period (only published when it changed). */
export const indicatorComputedV1 = z.object({
  indicatorId: z.string().min(1),
  municipality: municipalityCode,
  period: monthPeriod,
  value: z.number().finite(),
  unit: z.literal('percent'),
  numerator: z.number().finite(),
  denominator: z.number().finite(),
  parts: z.record(z.string(), z.number().finite()),
  previousValue: z.number().finite().nullable(),
});
export type IndicatorComputedV1 = z.infer<typeof indicatorComputedV1>;
