import { Injectable } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { PullRun, pullRunList, PullSchedule, pullSchedule } from '../../../services/ingest-responses';

export const RUNS_SHOWN = 30;

export interface PullsView {
  timeZone: string;
  pulls: (PullSchedule['pulls'][number] & { nextRun: string | null })[];
  runs: PullRun[];
}

/** The Jobindsats schedule (with each pull's next run, from its cron in the service's time zone) and the recent runs. */
@Injectable()
export class LoadPulls {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<PullsView> {
    const api = this.services.forUser(viewer);
    const [schedule, runs] = await Promise.all([
      api.get('ingest', '/v1/pulls', pullSchedule),
      api.get('ingest', '/v1/pulls/runs', pullRunList),
    ]);
    return {
      timeZone: schedule.timeZone,
      pulls: schedule.pulls.map((pull) => ({ ...pull, nextRun: nextRun(pull.cron, schedule.timeZone) })),
      runs: runs.slice(0, RUNS_SHOWN),
    };
  }
}

function nextRun(cron: string, tz: string): string | null {
  try {
    return parseExpression(cron, { tz }).next().toDate().toISOString();
  } catch {
    return null;
  }
}
