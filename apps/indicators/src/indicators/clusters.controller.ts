import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DERIVATIONS, findIndicator, findMunicipality, parseDerivedId } from '@pejling/domain';
import { Roles, Transactions, validateBody } from '@pejling/platform';
import { queueBenchmarks } from './benchmark-queue';

const clusterSchema = z.object({
  members: z
    .array(z.string().refine((code) => !!findMunicipality(code), 'is not a Danish municipality code'))
    .min(1, 'needs at least one municipality')
    .max(98),
});

/**
 * Cluster memberships: which comparable municipalities a municipality is benchmarked against, per
 * indicator (the plans use different clusters per benefit group). A change re-publishes the
 * municipality's readings, so its goals are judged against the new cluster at once.
 */
@Controller('v1/clusters')
export class ClustersController {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('admin', 'operator', 'integrator')
  list() {
    return this.dataSource.query(`SELECT municipality, indicator_id AS "indicatorId", members, updated_at AS "updatedAt" FROM clusters ORDER BY municipality, indicator_id`);
  }

  @Put(':municipality/:indicator')
  @Roles('admin')
  async put(@Param('municipality') municipality: string, @Param('indicator') indicatorId: string, @Body() body: unknown) {
    if (!findMunicipality(municipality)) throw new NotFoundException(`'${municipality}' is not a Danish municipality code.`);
    const derived = parseDerivedId(indicatorId);
    if (derived && findIndicator(indicatorId)) throw new NotFoundException(`'${indicatorId}' is derived from '${derived.base}' and uses its clusters: set them on '${derived.base}'.`);
    if (!findIndicator(indicatorId)) throw new NotFoundException(`'${indicatorId}' is not a known indicator (GET /v1/indicators/definitions).`);
    const { members } = validateBody(clusterSchema, body, 'cluster');
    const periodsRecomputing = await this.transactions.run(async (unit) => {
      await unit.manager.query(
        `INSERT INTO clusters (municipality, indicator_id, members) VALUES ($1, $2, $3)
         ON CONFLICT (municipality, indicator_id) DO UPDATE SET members = EXCLUDED.members, updated_at = now()`,
        [municipality, indicatorId, [...new Set(members)].sort()],
      );
      // Every period the municipality has a value in, of the indicator and of those derived from it,
      // gets new cluster benchmarks: the worker republishes them.
      const periods: { indicator_id: string; period: string }[] = await unit.manager.query(
        `SELECT indicator_id, period FROM indicator_values WHERE indicator_id = ANY($1::text[]) AND municipality = $2`,
        [[indicatorId, ...DERIVATIONS.map((derivation) => `${indicatorId}.${derivation}`)], municipality],
      );
      await queueBenchmarks(unit.manager, periods.map(({ indicator_id, period }) => ({ indicatorId: indicator_id, period })));
      return periods.length;
    });
    return { municipality, indicatorId, members: [...new Set(members)].sort(), periodsRecomputing };
  }
}
