import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '@pejling/platform';

const STATUSES = ['pending', 'retrying', 'delivered', 'failed'];

/** The delivery log: every alert delivery and each of its attempts. */
@Controller('v1/deliveries')
@Roles('admin', 'operator', 'integrator')
export class DeliveriesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@Query('status') status?: string, @Query('goalId') goalId?: string, @Query('channel') channel?: string, @Query('limit') limit = '100') {
    if (status && !STATUSES.includes(status)) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return this.dataSource.query(
      `SELECT d.id, d.channel, d.target, d.status, d.attempts, d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt",
              a.event_id AS "eventId", a.event_type AS "eventType", a.goal_id AS "goalId", a.municipality, a.transition,
              COALESCE((SELECT json_agg(json_build_object('attempt', t.attempt, 'startedAt', t.started_at, 'finishedAt', t.finished_at,
                                                          'outcome', t.outcome, 'detail', t.detail) ORDER BY t.attempt, t.id)
                          FROM delivery_attempts t WHERE t.delivery_id = d.id), '[]') AS "attemptLog"
         FROM deliveries d JOIN alerts a ON a.id = d.alert_id
        WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR a.goal_id::text = $2) AND ($3::text IS NULL OR d.channel = $3)
        ORDER BY d.created_at DESC LIMIT $4`,
      [status ?? null, goalId ?? null, channel ?? null, max],
    );
  }
}
