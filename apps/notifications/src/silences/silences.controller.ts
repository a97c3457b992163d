import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { isLocalDateTime, zonedLocalToUtc } from '@pejling/domain-alerting';
import { isTimeZone } from '@pejling/domain-kernel';
import { OPERATORS, principalOf, READERS, Roles, UuidParam, validateBody, ApiDoc } from '@pejling/platform';
import { SilenceState } from '../persistence/silences.repository';
import { CreateSilence } from './create-silence.use-case';
import { EndSilence } from './end-silence.use-case';
import { GetSilence } from './get-silence.use-case';
import { ListSilences } from './list-silences.use-case';
import { silenceViewSchema } from './silence-response';

const moment = z
  .string()
  .refine(
    (value) => isLocalDateTime(value) || !Number.isNaN(Date.parse(value)),
    'must be a date-time: 2026-12-24T08:00 (in timeZone) or ISO 8601 with an offset',
  );

const silenceSchema = z
  .object({
    matchers: z
      .object({
        planId: z.string().trim().min(1).optional(),
        goalId: z.string().uuid('must be a UUID').optional(),
        municipality: z
          .string()
          .regex(/^\d{3}$/, 'must be a 3-digit municipality code')
          .optional(),
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

/**
 * Silences mute alerts matching a plan, goal and/or municipality during a window: such alerts are
 * recorded (with the silence) but not delivered; open episodes are reminded when the silence ends.
 */
@Controller('v1/silences')
export class SilencesController {
  constructor(
    private readonly createSilence: CreateSilence,
    private readonly listSilences: ListSilences,
    private readonly getSilence: GetSilence,
    private readonly endSilence: EndSilence,
  ) {}

  @Post()
  @Roles(...OPERATORS)
  @ApiDoc({ summary: 'Create a silence', body: silenceSchema, responses: { 201: silenceViewSchema } })
  create(@Body() body: unknown, @Req() request: Request) {
    return this.createSilence.run(validateBody(silenceSchema, body, 'silence'), principalOf(request));
  }

  /** `state`: active (now within the window), pending (starts later), expired. */
  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Silences in scope',
    query: z.object({ state: z.enum(['active', 'pending', 'expired']).optional() }),
    responses: { 200: z.array(silenceViewSchema) },
  })
  list(@Req() request: Request, @Query('state') state?: string) {
    if (state && !['active', 'pending', 'expired'].includes(state))
      throw new BadRequestException('state must be one of active, pending, expired');
    return this.listSilences.run(state as SilenceState | undefined, principalOf(request));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One silence', params: z.object({ id: z.string().uuid() }), responses: { 200: silenceViewSchema } })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getSilence.run(id, principalOf(request));
  }

  /** Ends a silence now (kept in the history). */
  @Delete(':id')
  @HttpCode(204)
  @Roles(...OPERATORS)
  @ApiDoc({ summary: 'End a silence now', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  async expire(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.endSilence.run(id, principalOf(request));
  }
}
