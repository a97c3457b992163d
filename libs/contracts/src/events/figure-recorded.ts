import { z } from 'zod';
import { monthPeriod, municipalityCode } from './common';

/** A figure was stored for the first time, or revised to a new value (previousValue set). */
export const figureRecordedV1 = z.object({
  figureId: z.string().uuid(),
  source: z.string().min(1),
  series: z.string().min(1),
  municipality: municipalityCode,
  period: monthPeriod,
  value: z.number().finite(),
  unit: z.enum(['full-time-persons', 'persons', 'percent', 'count']),
  previousValue: z.number().finite().nullable(),
  revision: z.number().int().min(1),
});
export type FigureRecordedV1 = z.infer<typeof figureRecordedV1>;
