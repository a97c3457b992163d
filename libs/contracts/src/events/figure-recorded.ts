import { z } from 'zod';
import { anyPeriod, areaKind, COUNTRY_AREA, monthPeriod, municipalityCode, periodKind } from './common';

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

const timestamp = z.string().datetime({ offset: true });

/**
 * v2: any period kind (quarters, rolling years and years besides months), and the source's own
 * timestamps, so a revision says when the source published the old and the new value.
 */
export const figureRecordedV2 = figureRecordedV1.extend({
  period: anyPeriod,
  periodKind,
  /** When the source published this value (e.g. the Jobindsats table's update time), if it says. */
  sourceUpdatedAt: timestamp.nullable(),
  /** For a revision: when the source published the value it replaces. */
  previousSourceUpdatedAt: timestamp.nullable(),
});
export type FigureRecordedV2 = z.infer<typeof figureRecordedV2>;

/**
 * v3: figures of the whole country besides municipalities. `area` says which; `municipality` is the
 * area's code, `COUNTRY_AREA` ('000', also the message key) for the country, which is never a municipality.
 */
export const figureRecordedV3 = figureRecordedV2
  .extend({ area: areaKind })
  .refine((figure) => (figure.area === 'country') === (figure.municipality === COUNTRY_AREA), {
    message: `the country's figures have the area code ${COUNTRY_AREA}, and only they`,
    path: ['municipality'],
  });
export type FigureRecordedV3 = z.infer<typeof figureRecordedV3>;
export type FigureRecorded = FigureRecordedV3;

export function upcastFigureRecordedV1(v1: FigureRecordedV1): FigureRecordedV2 {
  return { ...v1, periodKind: 'month', sourceUpdatedAt: null, previousSourceUpdatedAt: null };
}

/** Every v2 figure was a municipality's. */
export function upcastFigureRecordedV2(v2: FigureRecordedV2): FigureRecordedV3 {
  return { ...v2, area: 'municipality' };
}
