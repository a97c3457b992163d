import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiDoc, PublicRateLimitGuard, PublicRead } from '@pejling/platform';
import { GetPublicMunicipality } from './get-public-municipality.use-case';
import { ListPublicChanges } from './list-public-changes.use-case';
import { ListPublicMunicipalities } from './list-public-municipalities.use-case';
import { publicChangesSchema, publicMunicipalitiesSchema, publicMunicipalitySchema } from './public-responses';

const codeParams = z.object({
  code: z
    .string()
    .regex(/^\d{3}$/)
    .describe('3-digit municipality code'),
});
const RATE_LIMITED = { description: 'Too many requests from this address; `Retry-After` says when to try again' };
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/**
 * The public transparency page's data: read-only, no API key or user token (@PublicRead), and only
 * plans whose current version says `transparency: { public: true }`. Never owners or recipients.
 * Rate-limited per client address (PUBLIC_API_RATE_LIMIT_PER_MINUTE).
 */
@Controller('v1/public/municipalities')
@UseGuards(PublicRateLimitGuard)
export class PublicController {
  constructor(
    private readonly municipalities: ListPublicMunicipalities,
    private readonly municipality: GetPublicMunicipality,
    private readonly changes: ListPublicChanges,
  ) {}

  @Get()
  @PublicRead()
  @ApiDoc({
    summary: 'Municipalities with at least one public plan (no credentials)',
    tags: ['public'],
    responses: { 200: publicMunicipalitiesSchema, 429: RATE_LIMITED },
  })
  list() {
    return this.municipalities.run();
  }

  @Get(':code')
  @PublicRead()
  @ApiDoc({
    summary: "A municipality's public plans, focus areas and goals with their states (no credentials)",
    tags: ['public'],
    params: codeParams,
    responses: { 200: publicMunicipalitySchema, 429: RATE_LIMITED },
  })
  get(@Param('code') code: string) {
    return this.municipality.run(municipalityCode(code));
  }

  @Get(':code/changes')
  @PublicRead()
  @ApiDoc({
    summary: "State changes of a municipality's public goals, newest first (no credentials)",
    tags: ['public'],
    params: codeParams,
    query: z.object({ limit: z.string().optional().describe(`1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}`) }),
    responses: { 200: publicChangesSchema, 429: RATE_LIMITED },
  })
  listChanges(@Param('code') code: string, @Query('limit') limit?: string) {
    return this.changes.run(municipalityCode(code), parseLimit(limit));
  }
}

function municipalityCode(code: string): string {
  if (!/^\d{3}$/.test(code)) throw new BadRequestException(`code must be a 3-digit municipality code (got '${code.slice(0, 60)}')`);
  return code;
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_LIMIT;
  const value = Number(limit);
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT} (got '${limit.slice(0, 20)}')`);
  return value;
}
