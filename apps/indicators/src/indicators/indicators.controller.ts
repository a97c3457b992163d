import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DERIVED_INDICATORS, deriveSeries, findMunicipality, INDICATORS, parseMonth } from '@pejling/domain';
import { Roles, READERS } from '@pejling/platform';

@Controller('v1/indicators')
@Roles(...READERS)
export class IndicatorsController {
  constructor(private readonly dataSource: DataSource) {}

  /** The indicator catalogue: what can be computed from which series, and what is derived from each share. */
  @Get('definitions')
  definitions() {
    return [...INDICATORS, ...DERIVED_INDICATORS];
  }

  /**
   * One municipality's series of an indicator with its development: against the same month last
   * year and a baseline (for the share and for its full-time persons), and the rolling 12-month mean.
   */
  @Get('series')
  async series(@Query('municipality') municipality?: string, @Query('indicator') indicator?: string, @Query('baseline') baseline?: string) {
    if (!municipality || !findMunicipality(municipality)) throw new BadRequestException('municipality must be a Danish municipality code');
    if (!indicator) throw new BadRequestException('indicator is required');
    if (baseline !== undefined && !parseMonth(baseline).ok) throw new BadRequestException('baseline must be a month as YYYY-MM');
    const rows: { period: string; value: number; numerator: number }[] = await this.dataSource.query(
      `SELECT period, value, numerator FROM indicator_values WHERE municipality = $1 AND indicator_id = $2 ORDER BY period`,
      [municipality, indicator],
    );
    const shares = deriveSeries(rows.map((row) => ({ period: row.period, value: row.value })), baseline);
    const counts = deriveSeries(rows.map((row) => ({ period: row.period, value: row.numerator })), baseline);
    return shares.map((share, i) => ({ ...share, count: counts[i] }));
  }

  @Get()
  values(@Query('municipality') municipality?: string, @Query('indicator') indicator?: string) {
    return this.dataSource.query(
      `SELECT indicator_id AS "indicatorId", municipality, period, value, numerator, denominator, parts, updated_at AS "updatedAt"
         FROM indicator_values
        WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR indicator_id = $2)
        ORDER BY municipality, indicator_id, period DESC LIMIT 1000`,
      [municipality ?? null, indicator ?? null],
    );
  }
}
