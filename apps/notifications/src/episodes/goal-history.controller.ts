import { Controller, Get, NotFoundException, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { inScope, principalOf, READERS, Roles, UuidParam } from '@pejling/platform';
import { EPISODE_VIEW } from './episodes.controller';

/**
 * A goal's notification history: every alert received with what became of it (delivered,
 * repeated, silenced, historical…) and every episode with its timeline of reminders and
 * acknowledgements, so the committee's half-yearly status can cite who did what and when.
 */
@Controller('v1/goals')
export class GoalHistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':goalId/history')
  @Roles(...READERS)
  async history(@Param('goalId', UuidParam) goalId: string, @Req() request: Request) {
    const alerts = await this.dataSource.query(
      `SELECT id, event_id AS "eventId", event_type AS "eventType", kind, period, historical, outcome, outcome_detail AS "outcomeDetail",
              episode_id AS "episodeId", payload->'explanation' AS explanation, created_at AS "receivedAt", municipality
         FROM alerts WHERE goal_id = $1 ORDER BY created_at, id`,
      [goalId],
    );
    // A goal belongs to one municipality; out of scope it is answered as unknown.
    if (alerts.length > 0 && !inScope(principalOf(request), alerts[0].municipality)) throw new NotFoundException(`No goal with id ${goalId}.`);
    const episodes = await this.dataSource.query(`${EPISODE_VIEW} WHERE e.goal_id = $1 ORDER BY e.opened_at`, [goalId]);
    const events = await this.dataSource.query(
      `SELECT ev.episode_id AS "episodeId", ev.type, ev.at, ev.actor, ev.note, ev.details FROM episode_events ev JOIN episodes e ON e.id = ev.episode_id WHERE e.goal_id = $1 ORDER BY ev.id`,
      [goalId],
    );
    return {
      goalId,
      alerts,
      episodes: episodes.map((episode: { id: string }) => ({ ...episode, history: events.filter((event: { episodeId: string }) => event.episodeId === episode.id) })),
    };
  }
}
