import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiDoc, principalOf, Roles, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { disabledEndpointForPrincipal } from '../access/channel-masking';
import { z } from 'zod';
import { disabledEndpointSchema } from './delivery-response';
import { DisabledEndpointsRepository } from './disabled-endpoints.repository';

/** Endpoints disabled after a 410 Gone; an admin enables one again once its owner has fixed it. */
@Controller('v1/endpoints')
export class EndpointsController {
  constructor(private readonly endpoints: DisabledEndpointsRepository) {}

  @Get('disabled')
  @Roles(...READERS)
  @ApiDoc({ summary: 'Endpoints disabled after a 410 Gone', responses: { 200: z.array(disabledEndpointSchema) } })
  async list(@Req() request: Request) {
    return (await this.endpoints.list()).map((endpoint) => disabledEndpointForPrincipal(endpoint, principalOf(request)));
  }

  @Delete('disabled/:endpointKey')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Enable a disabled endpoint again',
    params: z.object({ endpointKey: z.string() }),
    responses: { 204: null, 404: { description: 'No disabled endpoint with that key' } },
  })
  async enable(@Param('endpointKey') endpointKey: string): Promise<void> {
    if (!(await this.endpoints.enable(endpointKey))) throw new NotFoundException(`No disabled endpoint with key ${endpointKey}.`);
  }
}
