import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { authorOf, OPERATORS, principalOf, READERS, Roles, UuidParam, validateBody, ApiDoc } from '@pejling/platform';
import { Clock } from '../clock';
import { Acknowledgements } from './acknowledgements';
import { GetEpisode } from './get-episode.use-case';
import { ListEpisodes } from './list-episodes.use-case';
import { episodeEventSchema, episodeViewSchema } from './episode-response';

const acknowledgeSchema = z.object({
  note: z.string().trim().min(3, 'must say what is being done (at least 3 characters)').max(2000),
  by: z.string().trim().min(1, 'must name who is on it').max(200).optional(),
  public: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .describe('the note may be shown on the public transparency page (no personal data in it); default false'),
});

/** Episodes (open breaches and at-risk warnings, and their history) and acknowledgements by API. */
@Controller('v1/episodes')
export class EpisodesController {
  constructor(
    private readonly listEpisodes: ListEpisodes,
    private readonly getEpisode: GetEpisode,
    private readonly acknowledgements: Acknowledgements,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Episodes (breaches, at-risk warnings) in scope',
    query: z.object({ goalId: z.string().uuid().optional(), status: z.string().optional(), municipality: z.string().optional() }),
    responses: { 200: z.array(episodeViewSchema) },
  })
  list(
    @Req() request: Request,
    @Query('goalId') goalId?: string,
    @Query('status') status?: string,
    @Query('municipality') municipality?: string,
  ) {
    if (status && !['open', 'acknowledged', 'resolved'].includes(status))
      throw new BadRequestException('status must be one of open, acknowledged, resolved');
    if (goalId && !/^[0-9a-f-]{36}$/i.test(goalId)) throw new BadRequestException(`goalId must be a UUID (got '${goalId.slice(0, 60)}')`);
    return this.listEpisodes.run({ goalId, status, municipality }, principalOf(request));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'One episode with its events',
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: episodeViewSchema.extend({ events: z.array(episodeEventSchema).optional() }) },
  })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getEpisode.run(id, principalOf(request));
  }

  /** `{ note, by?, public? }`: `by` defaults to the caller (a user's email, a key's name). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...OPERATORS)
  @ApiDoc({
    summary: 'Acknowledge an episode with a note',
    params: z.object({ id: z.string().uuid() }),
    body: acknowledgeSchema,
    responses: { 200: z.record(z.string(), z.unknown()), 201: z.record(z.string(), z.unknown()) },
  })
  async acknowledge(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const input = validateBody(acknowledgeSchema, body, 'acknowledgement');
    await this.acknowledgements.acknowledge(
      id,
      { by: input.by ?? authorOf(request), note: input.note, via: 'api', public: input.public ?? false },
      this.clock.now(),
      principalOf(request),
    );
    return this.getEpisode.run(id, principalOf(request));
  }
}
