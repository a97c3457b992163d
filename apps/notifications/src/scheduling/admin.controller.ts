import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiDoc, Roles, validateBody, RequiresAllMunicipalities } from '@pejling/platform';
import { Clock } from '../clock';
import { Digests } from '../digests/digests';
import { Reminders } from '../episodes/reminders';
import { digestSweepSchema, reminderSweepSchema } from './sweep-response';

const sweepSchema = z.object({
  now: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' }).optional(),
});

/**
 * Runs the reminder or digest sweep at once, optionally as of a given time (`{ "now": "2026-12-01T09:00:00+01:00" }`):
 * what the repeatable jobs do, for operators and for the demo ("what will be sent next week?").
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
  @ApiDoc({ summary: 'Run the reminder sweep now (optionally as of a time)', body: sweepSchema, responses: { 200: reminderSweepSchema } })
  reminderSweep(@Body() body: unknown) {
    const input = validateBody(sweepSchema, body ?? {}, 'sweep');
    return this.reminders.sweep(input.now ? new Date(input.now) : this.clock.now());
  }

  @Post('digests/sweep')
  @HttpCode(200)
  @ApiDoc({ summary: 'Run the digest sweep now (optionally as of a time)', body: sweepSchema, responses: { 200: digestSweepSchema } })
  async digestSweep(@Body() body: unknown) {
    const input = validateBody(sweepSchema, body ?? {}, 'sweep');
    return { queued: await this.digests.sweep(input.now ? new Date(input.now) : this.clock.now()) };
  }
}
