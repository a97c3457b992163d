import { z } from 'zod';

/** POST /v1/admin/reminders/sweep (Reminders.sweep). */
export const reminderSweepSchema = z.object({ reminded: z.number().int(), silenced: z.number().int() });

/** POST /v1/admin/digests/sweep: digests queued. */
export const digestSweepSchema = z.object({ queued: z.number().int() });
