import { InjectQueue, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { ReportSendsRepository } from './report-sends.repository';
import { SendReportMail } from './send-report-mail.use-case';

export const REPORTS_QUEUE = 'console-reports';
const SEND = 'send-report';

/**
 * Emails approved reports to the committee's recipients as Bull jobs with exponential backoff, one
 * job per recipient (job id = the send's id, so a send is queued once). At start-up, sends still
 * owed (the console stopped before they finished) are queued again.
 */
@Processor(REPORTS_QUEUE)
@Injectable()
export class ReportMailQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportMailQueue.name);

  constructor(
    @InjectQueue(REPORTS_QUEUE) private readonly queue: Queue<{ sendId: string }>,
    private readonly sends: ReportSendsRepository,
    private readonly sendMail: SendReportMail,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const owed = await this.sends.pending();
    await this.enqueue(owed.map((send) => send.id));
    if (owed.length > 0) this.logger.log({ sends: owed.length }, 'report emails still owed, queued again');
  }

  async enqueue(sendIds: readonly string[]): Promise<void> {
    for (const sendId of sendIds) {
      await this.queue.add(
        SEND,
        { sendId },
        {
          jobId: sendId,
          attempts: this.env.REPORT_SEND_MAX_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.env.REPORT_SEND_BACKOFF_MS },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      );
    }
  }

  @Process(SEND)
  async send(job: Job<{ sendId: string }>): Promise<void> {
    await this.sendMail.execute(job.data.sendId, { attempt: job.attemptsMade + 1, maxAttempts: this.env.REPORT_SEND_MAX_ATTEMPTS });
  }

  @OnQueueFailed()
  onFailed(job: Job<{ sendId: string }>, error: Error): void {
    this.logger.warn({ sendId: job.data.sendId, attempts: job.attemptsMade, err: error.message }, 'report email attempt failed');
  }
}
