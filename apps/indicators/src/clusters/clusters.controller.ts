import { Body, Controller, Get, NotFoundException, Param, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { findIndicator, MIN_CLUSTER_PEERS, parseDerivedId } from '@pejling/domain-indicators';
import { findMunicipality } from '@pejling/domain-kernel';
import { ApiDoc, assertInScope, principalOf, READERS, Roles, validateBody } from '@pejling/platform';
import { ListClusters } from './list-clusters';
import { PutApiCluster } from './put-api-cluster';
import { clusterPutResultSchema, clusterViewSchema } from './cluster-response';

const clusterSchema = z.object({
  members: z
    .array(z.string().refine((code) => !!findMunicipality(code), 'is not a Danish municipality code'))
    .min(1, 'needs at least one municipality')
    .max(98),
});

/**
 * Cluster memberships: which comparable municipalities a municipality is benchmarked against, per
 * indicator (the plans use different clusters per benefit group). A plan's clusters arrive from
 * goals (`plan.clusters-declared`); the API sets clusters no plan declares. A change re-publishes
 * the municipality's readings, so its goals are judged against the new cluster at once.
 */
@Controller('v1/clusters')
export class ClustersController {
  constructor(
    private readonly listClusters: ListClusters,
    private readonly putApiCluster: PutApiCluster,
  ) {}

  /** Every cluster with its source (plan id and version, or api) and the month it applies from (null: every period). */
  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Every cluster with its source and the month it applies from', responses: { 200: z.array(clusterViewSchema) } })
  async list() {
    const clusters = await this.listClusters.run();
    return clusters.map((cluster) => ({
      municipality: cluster.municipality,
      indicatorId: cluster.indicatorId,
      members: cluster.members,
      source: cluster.source,
      planId: cluster.planId ?? null,
      planVersion: cluster.planVersion ?? null,
      effectiveFrom: cluster.effectiveFrom,
      removed: cluster.members.length === 0,
      updatedAt: cluster.updatedAt,
    }));
  }

  @Put(':municipality/:indicator')
  @Roles('admin')
  @ApiDoc({
    summary: "Set a municipality's cluster for an indicator",
    description:
      "Re-publishes the municipality's readings so its goals are judged against the new cluster. A plan-declared cluster is not overridden.",
    params: z.object({ municipality: z.string().describe('3-digit municipality code'), indicator: z.string() }),
    body: clusterSchema,
    responses: { 200: clusterPutResultSchema, 404: { description: 'Unknown municipality or indicator, or a derived indicator' } },
  })
  async put(
    @Param('municipality') municipality: string,
    @Param('indicator') indicatorId: string,
    @Body() body: unknown,
    @Req() request: Request,
  ) {
    if (!findMunicipality(municipality)) throw new NotFoundException(`'${municipality}' is not a Danish municipality code.`);
    assertInScope(principalOf(request), municipality, 'clusters');
    const derived = parseDerivedId(indicatorId);
    if (derived && findIndicator(indicatorId))
      throw new NotFoundException(
        `'${indicatorId}' is derived from '${derived.base}' and uses its clusters: set them on '${derived.base}'.`,
      );
    if (!findIndicator(indicatorId))
      throw new NotFoundException(`'${indicatorId}' is not a known indicator (GET /v1/indicators/definitions).`);
    const schema = clusterSchema.refine(
      (cluster) => new Set(cluster.members.filter((code) => code !== municipality)).size >= MIN_CLUSTER_PEERS,
      {
        message: `needs at least ${MIN_CLUSTER_PEERS} members besides the municipality ${municipality}`,
        path: ['members'],
      },
    );
    const { members } = validateBody(schema, body, 'cluster');
    const sorted = [...new Set(members)].sort();
    const periodsRecomputing = await this.putApiCluster.run(municipality, indicatorId, sorted);
    return { municipality, indicatorId, members: sorted, source: 'api', effectiveFrom: null, periodsRecomputing };
  }
}
