import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiDoc, principalOf, READERS, Roles, scopeFilter } from '@pejling/platform';
import { ListQualityFlags } from './list-quality-flags';
import { z } from 'zod';
import { qualityFlagListSchema } from './quality-flag-response';

const CHECKS = ['jump', 'group-total', 'missing-period', 'change', 'change-percent'] as const;
const STATUSES = ['open', 'resolved', 'all'] as const;

/** Soft data-quality flags: figures that were kept but should be checked, open until a later figure settles them. */
@Controller('v1/quality-flags')
@Roles(...READERS)
export class QualityFlagsController {
  constructor(private readonly listFlags: ListQualityFlags) {}

  @Get()
  @ApiDoc({
    summary: 'Data-quality flags in scope, with counts per check',
    query: z.object({
      municipality: z.string().describe('3-digit municipality code').optional(),
      series: z.string().optional(),
      check: z.enum(CHECKS).optional(),
      status: z.enum(STATUSES).optional().describe('default open'),
      batchId: z.string().uuid().optional(),
      limit: z.string().describe('1–1000, default 200').optional(),
    }),
    responses: { 200: qualityFlagListSchema },
  })
  list(
    @Req() request: Request,
    @Query('municipality') municipality?: string,
    @Query('series') series?: string,
    @Query('check') check?: string,
    @Query('status') status = 'open',
    @Query('batchId') batchId?: string,
    @Query('limit') limit = '200',
  ) {
    if (check && !(CHECKS as readonly string[]).includes(check)) throw new BadRequestException(`check must be one of ${CHECKS.join(', ')}`);
    if (!(STATUSES as readonly string[]).includes(status)) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
    if (municipality && !/^\d{3}$/.test(municipality)) throw new BadRequestException('municipality must be a 3-digit code');
    if (batchId && !/^[0-9a-f-]{36}$/i.test(batchId)) throw new BadRequestException('batchId must be a UUID');
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    const filter = {
      municipality,
      series,
      check,
      status: status as (typeof STATUSES)[number],
      batchId,
      municipalities: scopeFilter(principalOf(request)),
    };
    return this.listFlags.run(filter, max);
  }
}
