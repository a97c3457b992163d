import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles, UuidParam } from '@pejling/platform';
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
  @Roles('admin', 'operator', 'integrator')
  async history(@Param('goalId', UuidParam) goalId: string) {
    const alerts = await this.dataSource.query(
      `SELECT id, event_id AS "eventId", event_type AS "eventType", kind, period, historical, outcome, outcome_detail AS "outcomeDetail",
              episode_id AS "episodeId", payload->'explanation' AS explanation, created_at AS "receivedAt"
         FROM alerts WHERE goal_id = $1 ORDER BY created_at, id`,
      [goalId],
    );
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
