import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, TOPICS } from '@pejling/contracts';
import { BATCH_HANDLER } from '@pejling/platform';
import { DraftDueReports } from './draft-due-reports.use-case';

/**
 * The goals' judgements, read for one thing only: the month they are for may complete a plan's
 * report period, which then gets its draft. Drafting is idempotent (one report per plan and
 * period), so a redelivered batch changes nothing.
 */
@Controller()
export class GoalEvaluationsConsumer {
  private readonly logger = new Logger(GoalEvaluationsConsumer.name);

  constructor(private readonly draftDueReports: DraftDueReports) {}

  @EventPattern(TOPICS.goalEvaluations, BATCH_HANDLER)
  async onGoalsEvaluated(@Payload() events: EventEnvelope<'goal.evaluated'>[]): Promise<void> {
    const judged = new Map<string, { municipality: string; period: string }>();
    for (const event of events) {
      const { municipality, period } = event.payload as { municipality: string; period: string };
      judged.set(`${municipality}|${period}`, { municipality, period });
    }
    const drafted = await this.draftDueReports.execute([...judged.values()]);
    if (drafted > 0) this.logger.log({ events: events.length, drafted }, 'report drafts made from judged months');
  }
}
