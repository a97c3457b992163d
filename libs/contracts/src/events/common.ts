import { z } from 'zod';

export const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit municipality code');
export const monthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
/** Any period Jobindsats publishes, in canonical form: month 2021-07, quarter 2021Q3, rolling year 2021QMAT02, year 2021. */
export const anyPeriod = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4]|QMAT0[1-4])?$/, 'a period: 2021-07, 2021Q3, 2021QMAT02 or 2021');
export const periodKind = z.enum(['month', 'quarter', 'rolling-year', 'year']);
/** The message key of events about the whole country rather than one municipality (e.g. a failed pull). */
export const NATIONAL_KEY = '000';
export const explanation = z.object({ da: z.string().min(1), en: z.string().min(1) });
export const comparator = z.enum(['lt', 'lte', 'gt', 'gte']);
export const goalState = z.enum(['met', 'breached', 'no_data']);
