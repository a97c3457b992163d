import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '@pejling/platform';

const STATUSES = ['grouping', 'pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'];
const CHANNELS = ['email', 'webhook', 'teams', 'slack'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Filters {
  status?: string;
  goalId?: string;
  episodeId?: string;
  recipient?: string;
  channel?: string;
  since?: string;
  until?: string;
}

/** The persisted delivery log: every message, its items and each attempt, with filters and counts. */
@Controller('v1/deliveries')
@Roles('admin', 'operator', 'integrator')
export class DeliveriesController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `status`, `goalId`, `episodeId`, `recipient` (a recipient key such as `owner:<id>`, or an email /
   * URL target), `channel`, `since`/`until` (ISO time of creation), `limit` (1–1000, default 100).
   */
  @Get()
  async list(
    @Query('status') status?: string,
    @Query('goalId') goalId?: string,
    @Query('episodeId') episodeId?: string,
    @Query('recipient') recipient?: string,
    @Query('channel') channel?: string,
    @Query('since') since?: string,
    @Query('until') until?: string,
    @Query('limit') limit = '100',
  ) {
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    const { where, params } = filter({ status, goalId, episodeId, recipient, channel, since, until });
    return this.dataSource.query(
      `SELECT d.id, d.channel, d.target, d.recipient->>'key' AS "recipientKey", d.recipient->>'name' AS "recipientName", d.status, d.attempts,
              d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt", d.municipality,
              first.event_id AS "eventId", first.event_type AS "eventType", first.goal_id AS "goalId", first.transition,
              COALESCE((SELECT json_agg(json_build_object('step', i.step, 'episodeId', i.episode_id, 'goalId', a.goal_id, 'eventId', a.event_id, 'eventType', a.event_type) ORDER BY i.created_at, i.id)
                          FROM notification_items i LEFT JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = d.id), '[]') AS items,
              COALESCE((SELECT json_agg(json_build_object('attempt', t.attempt, 'startedAt', t.started_at, 'finishedAt', t.finished_at,
                                                          'outcome', t.outcome, 'detail', t.detail) ORDER BY t.attempt, t.id)
                          FROM delivery_attempts t WHERE t.delivery_id = d.id), '[]') AS "attemptLog"
         FROM deliveries d
         LEFT JOIN LATERAL (SELECT a.event_id, a.event_type, a.goal_id, a.transition FROM notification_items i JOIN alerts a ON a.id = i.alert_id
                             WHERE i.delivery_id = d.id ORDER BY i.created_at, i.id LIMIT 1) first ON true
        WHERE ${where} ORDER BY d.created_at DESC, d.id LIMIT $${params.length + 1}`,
      [...params, max],
    );
  }

  /** Counts by status and by channel under the same filters (except `status`, which narrows the total only). */
  @Get('counts')
  async counts(
    @Query('status') status?: string,
    @Query('goalId') goalId?: string,
    @Query('episodeId') episodeId?: string,
    @Query('recipient') recipient?: string,
    @Query('channel') channel?: string,
    @Query('since') since?: string,
    @Query('until') until?: string,
  ) {
    const { where, params } = filter({ status, goalId, episodeId, recipient, channel, since, until });
    const rows: { status: string; channel: string; n: number }[] = await this.dataSource.query(
      `SELECT d.status, d.channel, count(*)::int AS n FROM deliveries d WHERE ${where} GROUP BY d.status, d.channel`,
      params,
    );
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((row) => row.status === s).reduce((sum, row) => sum + row.n, 0)]));
    const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, rows.filter((row) => row.channel === c).reduce((sum, row) => sum + row.n, 0)]));
    return { total: rows.reduce((sum, row) => sum + row.n, 0), byStatus, byChannel };
  }
}

function filter(f: Filters): { where: string; params: unknown[] } {
  if (f.status && !STATUSES.includes(f.status)) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
  if (f.channel && !CHANNELS.includes(f.channel)) throw new BadRequestException(`channel must be one of ${CHANNELS.join(', ')}`);
  for (const [name, value] of [['goalId', f.goalId], ['episodeId', f.episodeId]] as const) {
    if (value && !UUID.test(value)) throw new BadRequestException(`${name} must be a UUID (got '${value.slice(0, 60)}')`);
  }
  for (const [name, value] of [['since', f.since], ['until', f.until]] as const) {
    if (value && Number.isNaN(Date.parse(value))) throw new BadRequestException(`${name} must be an ISO 8601 date-time (got '${value.slice(0, 60)}')`);
  }
  const params: unknown[] = [];
  const clauses: string[] = ['true'];
  const add = (sql: (n: string) => string, value: unknown) => {
    if (value === undefined || value === '') return;
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  add((p) => `d.status = ${p}`, f.status);
  add((p) => `d.channel = ${p}`, f.channel);
  add((p) => `(d.recipient->>'key' = ${p} OR d.target = ${p})`, f.recipient);
  add((p) => `d.created_at >= ${p}::timestamptz`, f.since);
  add((p) => `d.created_at < ${p}::timestamptz`, f.until);
  add((p) => `EXISTS (SELECT 1 FROM notification_items i JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = d.id AND a.goal_id = ${p}::uuid)`, f.goalId);
  add((p) => `EXISTS (SELECT 1 FROM notification_items i WHERE i.delivery_id = d.id AND i.episode_id = ${p}::uuid)`, f.episodeId);
  return { where: clauses.join(' AND '), params };
}
