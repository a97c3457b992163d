import { z } from 'zod';
import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, HttpException, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { inScope, OPERATORS, principalOf, READERS, Roles, ApiDoc } from '@pejling/platform';
import { FigureRevisions } from './figure-revisions';
import { checkFigureBatch } from './figure-batch';
import { ListFigures } from './list-figures.use-case';
import { RecordFigures } from './record-figures.use-case';
import { figureSchema, figureWithRevisionsSchema, recordResultSchema } from './figure-responses';

@Controller('v1/figures')
export class FiguresController {
  constructor(
    private readonly recordFigures: RecordFigures,
    private readonly listFigures: ListFigures,
    private readonly revisions: FigureRevisions,
  ) {}

  /**
   * Accepts a batch of figures all-or-nothing. 201 means every figure is stored and its events
   * are committed to the outbox; a 400/422 lists each bad row and field, and nothing is stored.
   */
  @Post()
  @HttpCode(201)
  @Roles('integrator', ...OPERATORS)
  @ApiDoc({
    summary: 'Post a batch of figures, all or nothing',
    description: 'A 400/422 lists each bad row (`errors[]`: row, path, field, reason) and nothing is stored.',
    body: z.union([z.array(z.record(z.string(), z.unknown())), z.object({ figures: z.array(z.record(z.string(), z.unknown())) })]),
    responses: { 201: recordResultSchema },
  })
  async record(@Body() body: unknown, @Req() request: Request) {
    const check = checkFigureBatch(body, new Date());
    if (!check.ok) {
      throw new HttpException(
        { statusCode: check.status, error: 'Invalid figures', message: check.message, errors: check.errors },
        check.status,
      );
    }
    // A scoped operator posts its own municipalities' figures only; one row outside and nothing is stored.
    const principal = principalOf(request);
    const outside = check.figures.flatMap((figure, row) =>
      inScope(principal, figure.municipality)
        ? []
        : [
            {
              row,
              field: 'municipality',
              reason: `municipality ${figure.municipality} is outside your scope (${principal.municipalities.join(', ')})`,
            },
          ],
    );
    if (outside.length > 0) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `You may not post figures for municipality ${check.figures[outside[0].row].municipality}; nothing was stored.`,
        errors: outside,
      });
    }
    return this.recordFigures.run(check.figures);
  }

  /** `?series=&municipality=&period=&limit=` (1–1000, default 200): figures with their revisions, oldest first. */
  @Get('revisions')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Figures with their revisions, oldest first',
    description: 'Give series and/or municipality.',
    query: z.object({
      series: z.string().optional(),
      municipality: z.string().describe('3-digit municipality code').optional(),
      period: z.string().optional(),
      limit: z.string().describe('1–1000, default 200').optional(),
    }),
    responses: { 200: z.array(figureWithRevisionsSchema) },
  })
  listRevisions(
    @Query('series') series?: string,
    @Query('municipality') municipality?: string,
    @Query('period') period?: string,
    @Query('limit') limit = '200',
  ) {
    if (!series && !municipality) throw new BadRequestException('give series and/or municipality');
    if (municipality !== undefined && !/^\d{3}$/.test(municipality))
      throw new BadRequestException(`municipality must be a 3-digit code (got '${municipality.slice(0, 60)}')`);
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return this.revisions.run({ series, municipality, period, limit: max });
  }

  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Stored figures (at most 1000, newest period first)',
    query: z.object({ municipality: z.string().optional(), series: z.string().optional() }),
    responses: { 200: z.array(figureSchema) },
  })
  list(@Query('municipality') municipality?: string, @Query('series') series?: string) {
    return this.listFigures.run({ municipality, series });
  }
}
