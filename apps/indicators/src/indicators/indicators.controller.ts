import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INDICATORS } from '@pejling/domain';
import { Roles } from '@pejling/platform';

@Controller('v1/indicators')
@Roles('admin', 'operator', 'integrator')
export class IndicatorsController {
  constructor(private readonly dataSource: DataSource) {}

  /** The indicator catalogue: what can be computed from which series. */
  @Get('definitions')
  definitions() {
    return INDICATORS;
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
