import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiDoc, Roles, validateBody, RequiresAllMunicipalities } from '@pejling/platform';
import { Clock } from '../clock';
import { Digests } from '../digests/digests';
import { Reminders } from '../episodes/reminders';
import { digestSweepSchema, reminderSweepSchema } from './sweep-response';

const sweepSchema = z.object({
  now: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' })
    .optional()
    .describe('as of this time: what would be due then is sent now; the schedule carries on from now'),
});

const AS_OF =
  'With `now`, what would be due at that time is sent now, and everything recorded is relative to the real clock: a reminder counts as sent now (the next one an interval after now), and a digest of a slot not yet (or no longer) due is an extra copy, so the slot still gets its own digest when it is due. An as-of time never moves the live schedule to it.';

/**
 * Runs the reminder or digest sweep at once, optionally as of a given time (`{ "now": "2026-12-01T09:00:00+01:00" }`):
 * what the repeatable jobs do, for operators and for the demo ("send next week's reminders now").
 */
@Controller('v1/admin')
@Roles('admin')
@RequiresAllMunicipalities()
export class AdminController {
  constructor(
    private readonly reminders: Reminders,
    private readonly digests: Digests,
    private readonly clock: Clock,
  ) {}

  @Post('reminders/sweep')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Run the reminder sweep now (optionally sending what would be due as of a time)',
    description: AS_OF,
    body: sweepSchema,
    responses: { 200: reminderSweepSchema },
  })
  reminderSweep(@Body() body: unknown) {
    const input = validateBody(sweepSchema, body ?? {}, 'sweep');
    const now = this.clock.now();
    return this.reminders.sweep(now, input.now ? new Date(input.now) : now);
  }

  @Post('digests/sweep')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Run the digest sweep now (optionally sending what would be due as of a time)',
    description: AS_OF,
    body: sweepSchema,
    responses: { 200: digestSweepSchema },
  })
  async digestSweep(@Body() body: unknown) {
    const input = validateBody(sweepSchema, body ?? {}, 'sweep');
    const now = this.clock.now();
    return { queued: await this.digests.sweep(now, input.now ? new Date(input.now) : now) };
  }
}
