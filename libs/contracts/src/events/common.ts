import { z } from 'zod';

export const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit municipality code');
export const monthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
/** Any period Jobindsats publishes, in canonical form: month 2021-07, quarter 2021Q3, rolling year 2021QMAT02, year 2021. */
export const anyPeriod = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4]|QMAT0[1-4])?$/, 'a period: 2021-07, 2021Q3, 2021QMAT02 or 2021');
export const periodKind = z.enum(['month', 'quarter', 'rolling-year', 'year']);
/** The message key of events about the whole country rather than one municipality (e.g. a failed pull). */
export const NATIONAL_KEY = '000';
/** The area code of the whole country ("Hele landet"): an area of its own, never one of the 98 municipalities. */
export const COUNTRY_AREA = NATIONAL_KEY;
export const areaKind = z.enum(['municipality', 'country']);
/** What a national figure is: the country's own (official) or an average of the municipalities with data, with their number. */
export const nationalBasis = z.object({
  source: z.enum(['official', 'municipalities']),
  municipalities: z.number().int().min(0),
  of: z.number().int().min(1),
});
/** Where a cluster came from (a plan version or the API), from which month (null: every period), and how many of its members had data. */
export const clusterBasis = z.object({
  source: z.enum(['plan', 'api']),
  planId: z.string().min(1).optional(),
  planVersion: z.number().int().min(1).optional(),
  effectiveFrom: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .nullable(),
  members: z.number().int().min(0),
  withData: z.number().int().min(0),
});
export const explanation = z.object({ da: z.string().min(1), en: z.string().min(1) });
export const comparator = z.enum(['lt', 'lte', 'gt', 'gte']);
export const goalState = z.enum(['met', 'breached', 'no_data']);
