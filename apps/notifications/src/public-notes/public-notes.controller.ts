import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiDoc, PublicRateLimitGuard, PublicRead } from '@pejling/platform';
import { ListPublicNotes } from './list-public-notes.use-case';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const publicNotesSchema = z.array(
  z.object({ goalId: z.string().uuid(), note: z.string(), acknowledgedAt: z.string().describe('ISO 8601 date-time') }),
);

/** Acknowledgement notes marked public, for the transparency page: read-only, no credentials (@PublicRead), rate-limited per address. */
@Controller('v1/public/municipalities')
@UseGuards(PublicRateLimitGuard)
export class PublicNotesController {
  constructor(private readonly notes: ListPublicNotes) {}

  @Get(':code/notes')
  @PublicRead()
  @ApiDoc({
    summary: "Acknowledgement notes of a municipality's goals that their authors marked public (no author, no recipient; no credentials)",
    tags: ['public'],
    params: z.object({
      code: z
        .string()
        .regex(/^\d{3}$/)
        .describe('3-digit municipality code'),
    }),
    query: z.object({ limit: z.string().optional().describe(`1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}`) }),
    responses: {
      200: publicNotesSchema,
      429: { description: 'Too many requests from this address; `Retry-After` says when to try again' },
    },
  })
  list(@Param('code') code: string, @Query('limit') limit?: string) {
    if (!/^\d{3}$/.test(code)) throw new BadRequestException(`code must be a 3-digit municipality code (got '${code.slice(0, 60)}')`);
    return this.notes.run(code, parseLimit(limit));
  }
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_LIMIT;
  const value = Number(limit);
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT} (got '${limit.slice(0, 20)}')`);
  return value;
}
