import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiDoc, principalOf, READERS, Roles, UuidParam } from '@pejling/platform';
import { GetGoalHistory } from './get-goal-history.use-case';
import { z } from 'zod';
import { goalHistorySchema } from './episode-response';

/**
 * A goal's notification history: every alert received with what became of it (delivered,
 * repeated, silenced, historical…) and every episode with its timeline of reminders and
 * acknowledgements, so the committee's half-yearly status can cite who did what and when.
 */
@Controller('v1/goals')
export class GoalHistoryController {
  constructor(private readonly goalHistory: GetGoalHistory) {}

  @Get(':goalId/history')
  @Roles(...READERS)
  @ApiDoc({
    summary: "A goal's notification history: alerts and episodes with their timelines",
    params: z.object({ goalId: z.string().uuid() }),
    responses: { 200: goalHistorySchema },
  })
  history(@Param('goalId', UuidParam) goalId: string, @Req() request: Request) {
    return this.goalHistory.run(goalId, principalOf(request));
  }
}
