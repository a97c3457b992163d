import { z } from 'zod';

export const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit municipality code');
export const monthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const explanation = z.object({ da: z.string().min(1), en: z.string().min(1) });
export const comparator = z.enum(['lt', 'lte', 'gt', 'gte']);
export const goalState = z.enum(['met', 'breached', 'no_data']);
