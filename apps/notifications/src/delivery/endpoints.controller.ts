import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiDoc, principalOf, Roles, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { disabledEndpointForPrincipal } from '../access/channel-masking';
import { z } from 'zod';
import { disabledEndpointSchema } from './delivery-response';

/** Endpoints disabled after a 410 Gone; an admin enables one again once its owner has fixed it. */
@Controller('v1/endpoints')
export class EndpointsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('disabled')
  @Roles(...READERS)
  @ApiDoc({ summary: 'Endpoints disabled after a 410 Gone', responses: { 200: z.array(disabledEndpointSchema) } })
  async list(@Req() request: Request) {
    const endpoints: { target: string; reason: string | null }[] = await this.dataSource.query(
      `SELECT endpoint_key AS "endpointKey", channel, target, status_code AS "statusCode", reason, delivery_id AS "deliveryId", recipient_key AS "recipientKey", disabled_at AS "disabledAt"
         FROM disabled_endpoints ORDER BY disabled_at DESC`,
    );
    return endpoints.map((endpoint) => disabledEndpointForPrincipal(endpoint, principalOf(request)));
  }

  @Delete('disabled/:endpointKey')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Enable a disabled endpoint again', params: z.object({ endpointKey: z.string() }), responses: { 204: null, 404: { description: 'No disabled endpoint with that key' } } })
  async enable(@Param('endpointKey') endpointKey: string): Promise<void> {
    const removed = await this.dataSource.query(`WITH gone AS (DELETE FROM disabled_endpoints WHERE endpoint_key = $1 RETURNING endpoint_key) SELECT * FROM gone`, [endpointKey]);
    if (removed.length === 0) throw new NotFoundException(`No disabled endpoint with key ${endpointKey}.`);
  }
}
