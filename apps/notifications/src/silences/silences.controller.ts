import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query, Req, UnprocessableEntityException } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { isLocalDateTime, isTimeZone, zonedLocalToUtc } from '@pejling/domain';
import { assertInScope, assertVisible, authorOf, OPERATORS, principalOf, READERS, Roles, scopeFilter, UuidParam, validateBody } from '@pejling/platform';
import { Clock } from '../clock';

const moment = z.string().refine((value) => isLocalDateTime(value) || !Number.isNaN(Date.parse(value)), 'must be a date-time: 2026-12-24T08:00 (in timeZone) or ISO 8601 with an offset');

const silenceSchema = z
  .object({
    matchers: z
      .object({
        planId: z.string().trim().min(1).optional(),
        goalId: z.string().uuid('must be a UUID').optional(),
        municipality: z.string().regex(/^\d{3}$/, 'must be a 3-digit municipality code').optional(),
      })
      .refine((m) => m.planId || m.goalId || m.municipality, 'give at least one of planId, goalId, municipality'),
    startsAt: moment.optional(),
    endsAt: moment,
    /** Local times without an offset are read in this zone (default Europe/Copenhagen, DST-aware). */
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Copenhagen').default('Europe/Copenhagen'),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(1000),
    author: z.string().trim().min(1).max(200).optional(),
  })
  .transform((input, context) => {
    const toInstant = (value: string) => (isLocalDateTime(value) ? zonedLocalToUtc(value, input.timeZone) : new Date(value));
    const startsAt = input.startsAt ? toInstant(input.startsAt) : undefined;
    const endsAt = toInstant(input.endsAt);
    if (startsAt && endsAt <= startsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    return { ...input, startsAt, endsAt };
  });

const VIEW = `SELECT id, plan_id AS "planId", goal_id AS "goalId", municipality, starts_at AS "startsAt", ends_at AS "endsAt", time_zone AS "timeZone",
                     reason, author, created_at AS "createdAt", expired_at AS "expiredAt" FROM silences`;

/**
 * Silences mute alerts matching a plan, goal and/or municipality during a window: such alerts are
 * recorded (with the silence) but not delivered; open episodes are reminded when the silence ends.
 */
@Controller('v1/silences')
export class SilencesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Roles(...OPERATORS)
  async create(@Body() body: unknown, @Req() request: Request) {
    const input = validateBody(silenceSchema, body, 'silence');
    const now = this.clock.now();
    const startsAt = input.startsAt ?? now;
    if (input.endsAt <= now) throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: 'Invalid silence: endsAt must be in the future', errors: [{ field: 'endsAt', reason: 'must be in the future' }] });
    // A scoped principal may only mute its own municipalities, so its silence must name one.
    assertInScope(principalOf(request), input.matchers.municipality ?? null, 'silences');
    const keyName = authorOf(request);
    const [row] = await this.dataSource.query(
      `INSERT INTO silences (plan_id, goal_id, municipality, starts_at, ends_at, time_zone, reason, author, created_by_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [input.matchers.planId ?? null, input.matchers.goalId ?? null, input.matchers.municipality ?? null, startsAt, input.endsAt, input.timeZone, input.reason, input.author ?? keyName, keyName],
    );
    return this.get(row.id, request);
  }

  /** `state`: active (now within the window), pending (starts later), expired. */
  @Get()
  @Roles(...READERS)
  list(@Req() request: Request, @Query('state') state?: string) {
    if (state && !['active', 'pending', 'expired'].includes(state)) throw new BadRequestException('state must be one of active, pending, expired');
    const now = this.clock.now();
    const where = {
      active: `expired_at IS NULL AND starts_at <= $1 AND ends_at > $1`,
      pending: `expired_at IS NULL AND starts_at > $1`,
      expired: `(expired_at IS NOT NULL OR ends_at <= $1)`,
    }[state ?? ''];
    return this.dataSource.query(
      `${VIEW} WHERE ${where ?? '$1::timestamptz IS NOT NULL'} AND ($2::text[] IS NULL OR municipality = ANY($2)) ORDER BY starts_at DESC`,
      [now, scopeFilter(principalOf(request))],
    );
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    const [silence] = await this.dataSource.query(`${VIEW} WHERE id = $1`, [id]);
    if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
    assertVisible(principalOf(request), silence.municipality, `No silence with id ${id}.`);
    return silence;
  }

  /** Ends a silence now (kept in the history). */
  @Delete(':id')
  @HttpCode(204)
  @Roles(...OPERATORS)
  async expire(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    const [silence] = await this.dataSource.query(`${VIEW} WHERE id = $1`, [id]);
    if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
    assertInScope(principalOf(request), silence.municipality, 'silences');
    await this.dataSource.query(`UPDATE silences SET expired_at = COALESCE(expired_at, $2) WHERE id = $1`, [id, this.clock.now()]);
  }
}
