import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { assertVisible, authorOf, OPERATORS, principalOf, READERS, Roles, scopeFilter, UuidParam, validateBody } from '@pejling/platform';
import { Clock } from '../clock';
import { Acknowledgements } from './acknowledgements';

const acknowledgeSchema = z.object({
  note: z.string().trim().min(3, 'must say what is being done (at least 3 characters)').max(2000),
  by: z.string().trim().min(1, 'must name who is on it').max(200).optional(),
});

export const EPISODE_VIEW = `
  SELECT e.id, e.goal_id AS "goalId", e.kind, e.status, e.municipality, e.plan_id AS "planId", e.opened_at AS "openedAt",
         a.payload->>'goalName' AS "goalName", la.period AS "latestPeriod",
         e.reminders_sent AS "remindersSent", e.next_reminder_at AS "nextReminderAt",
         CASE WHEN e.acknowledged_at IS NULL THEN NULL ELSE json_build_object('by', e.acknowledged_by, 'note', e.acknowledgement_note, 'at', e.acknowledged_at, 'via', e.acknowledged_via) END AS acknowledgement,
         e.resolved_at AS "resolvedAt", e.resolution,
         (SELECT json_agg(json_build_object('key', r->>'key', 'name', r->>'name', 'channels', r->'channels')) FROM jsonb_array_elements(e.recipients) r) AS recipients
    FROM episodes e JOIN alerts a ON a.id = e.opened_alert_id JOIN alerts la ON la.id = e.last_alert_id`;

/** Episodes (open breaches and at-risk warnings, and their history) and acknowledgements by API. */
@Controller('v1/episodes')
export class EpisodesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly acknowledgements: Acknowledgements,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  list(@Req() request: Request, @Query('goalId') goalId?: string, @Query('status') status?: string, @Query('municipality') municipality?: string) {
    if (status && !['open', 'acknowledged', 'resolved'].includes(status)) throw new BadRequestException('status must be one of open, acknowledged, resolved');
    if (goalId && !/^[0-9a-f-]{36}$/i.test(goalId)) throw new BadRequestException(`goalId must be a UUID (got '${goalId.slice(0, 60)}')`);
    return this.dataSource.query(
      `${EPISODE_VIEW} WHERE ($1::uuid IS NULL OR e.goal_id = $1) AND ($2::text IS NULL OR e.status = $2) AND ($3::text IS NULL OR e.municipality = $3)
         AND ($4::text[] IS NULL OR e.municipality = ANY($4))
       ORDER BY e.opened_at DESC LIMIT 500`,
      [goalId ?? null, status ?? null, municipality ?? null, scopeFilter(principalOf(request))],
    );
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    const [episode] = await this.dataSource.query(`${EPISODE_VIEW} WHERE e.id = $1`, [id]);
    if (!episode) throw new NotFoundException(`No episode with id ${id}.`);
    assertVisible(principalOf(request), episode.municipality, `No episode with id ${id}.`);
    const history = await this.dataSource.query(`SELECT type, at, actor, note, details FROM episode_events WHERE episode_id = $1 ORDER BY id`, [id]);
    return { ...episode, history };
  }

  /** `{ note, by? }`: `by` defaults to the caller (a user's email, a key's name). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...OPERATORS)
  async acknowledge(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const input = validateBody(acknowledgeSchema, body, 'acknowledgement');
    await this.acknowledgements.acknowledge(id, { by: input.by ?? authorOf(request), note: input.note, via: 'api' }, this.clock.now(), principalOf(request));
    return this.get(id, request);
  }
}
