import { z } from 'zod';
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DERIVED_INDICATORS, INDICATORS } from '@pejling/domain-indicators';
import { findMunicipality, parseMonth } from '@pejling/domain-kernel';
import { READERS, Roles, ApiDoc } from '@pejling/platform';
import { GetIndicatorSeries, ListIndicatorValues } from './indicator-queries';
import { indicatorValueSchema } from './indicator-value-response';
import { indicatorCatalogueSchema, indicatorSeriesSchema } from './indicator-catalogue-response';

/** Indicators are published statistics: every principal reads every municipality's. */
@Controller('v1/indicators')
@Roles(...READERS)
export class IndicatorsController {
  constructor(
    private readonly series: GetIndicatorSeries,
    private readonly values: ListIndicatorValues,
  ) {}

  /** The indicator catalogue: what can be computed from which series, and what is derived from each share. */
  @Get('definitions')
  @ApiDoc({ summary: 'The indicator catalogue (shares and derived indicators)', responses: { 200: indicatorCatalogueSchema } })
  definitions() {
    return [...INDICATORS, ...DERIVED_INDICATORS];
  }

  @Get('series')
  @ApiDoc({
    summary: "A municipality's series of one indicator with its developments",
    query: z.object({
      municipality: z.string().describe('3-digit municipality code'),
      indicator: z.string(),
      baseline: z.string().describe('YYYY-MM').optional(),
    }),
    responses: { 200: indicatorSeriesSchema },
  })
  getSeries(@Query('municipality') municipality?: string, @Query('indicator') indicator?: string, @Query('baseline') baseline?: string) {
    if (!municipality || !findMunicipality(municipality)) throw new BadRequestException('municipality must be a Danish municipality code');
    if (!indicator) throw new BadRequestException('indicator is required');
    if (baseline !== undefined && !parseMonth(baseline).ok) throw new BadRequestException('baseline must be a month as YYYY-MM');
    return this.series.run(municipality, indicator, baseline);
  }

  @Get()
  @ApiDoc({
    summary: 'Stored indicator values',
    query: z.object({ municipality: z.string().optional(), indicator: z.string().optional() }),
    responses: { 200: z.array(indicatorValueSchema) },
  })
  list(@Query('municipality') municipality?: string, @Query('indicator') indicator?: string) {
    return this.values.run({ municipality, indicator });
  }
}
