import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiDoc, OPERATORS, principalOf, READERS, Roles, scopeFilter, UuidParam } from '@pejling/platform';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, DeliveryFilters } from './deliveries.repository';
import { CountDeliveries } from './count-deliveries';
import { ListDeliveries } from './list-deliveries';
import { RetryDelivery } from './retry-delivery';
import { z } from 'zod';
import { deliveryCountsSchema, deliveryQuerySchema, deliveryRetriedSchema, deliveryViewSchema } from './delivery-response';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type QueryParams = Record<string, string | undefined>;

/** The persisted delivery log: every message, its items and each attempt, with filters and counts; dead letters can be retried. */
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveries,
    private readonly countDeliveries: CountDeliveries,
    private readonly retryDelivery: RetryDelivery,
  ) {}

  /**
   * `status`, `goal` (or `goalId`), `episodeId`, `recipient` (a recipient key such as `owner:<id>`,
   * or an email / URL target), `channel`, `municipality`, `since`/`until` (ISO time of creation),
   * `limit` (1–1000, default 100). A scoped principal sees its municipalities' deliveries only.
   */
  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'The delivery log: messages with their items and attempts',
    query: deliveryQuerySchema.extend({ limit: z.string().describe('1–1000, default 100').optional() }),
    responses: { 200: z.array(deliveryViewSchema) },
  })
  list(@Query() query: QueryParams, @Req() request: Request) {
    const max = Number(query.limit ?? '100');
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return this.listDeliveries.run(filtersOf(query, request), max, principalOf(request));
  }

  /** Counts by status and by channel under the same filters (except `status`, which narrows the total only). */
  @Get('counts')
  @Roles(...READERS)
  @ApiDoc({ summary: 'Delivery counts by status and by channel', query: deliveryQuerySchema, responses: { 200: deliveryCountsSchema } })
  counts(@Query() query: QueryParams, @Req() request: Request) {
    return this.countDeliveries.run(filtersOf(query, request));
  }

  /** Re-queues a dead delivery: 202 `{ id, status: 'pending' }`; 409 when it is not dead. */
  @Post(':id/retry')
  @HttpCode(202)
  @Roles(...OPERATORS)
  @ApiDoc({
    summary: 'Retry a dead delivery',
    params: z.object({ id: z.string().uuid() }),
    responses: { 202: deliveryRetriedSchema, 409: { description: 'The delivery is not dead' } },
  })
  retry(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.retryDelivery.run(id, principalOf(request));
  }
}

function filtersOf(query: QueryParams, request: Request): DeliveryFilters {
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && typeof value !== 'string')
      throw new BadRequestException(`query parameter '${name}' must be given once, as a plain value`);
  }
  const f: QueryParams = { ...query, goalId: query.goal ?? query.goalId };
  if (f.status && !(DELIVERY_STATUSES as readonly string[]).includes(f.status))
    throw new BadRequestException(`status must be one of ${DELIVERY_STATUSES.join(', ')}`);
  if (f.channel && !(DELIVERY_CHANNELS as readonly string[]).includes(f.channel))
    throw new BadRequestException(`channel must be one of ${DELIVERY_CHANNELS.join(', ')}`);
  if (f.municipality && !/^\d{3}$/.test(f.municipality))
    throw new BadRequestException(`municipality must be a 3-digit municipality code (got '${f.municipality.slice(0, 60)}')`);
  for (const [name, value] of [
    ['goal', f.goalId],
    ['episodeId', f.episodeId],
  ] as const) {
    if (value && !UUID.test(value)) throw new BadRequestException(`${name} must be a UUID (got '${value.slice(0, 60)}')`);
  }
  for (const [name, value] of [
    ['since', f.since],
    ['until', f.until],
  ] as const) {
    if (value && Number.isNaN(Date.parse(value)))
      throw new BadRequestException(`${name} must be an ISO 8601 date-time (got '${value.slice(0, 60)}')`);
  }
  const principal = principalOf(request);
  return {
    status: f.status,
    goalId: f.goalId,
    episodeId: f.episodeId,
    recipient: f.recipient,
    channel: f.channel,
    since: f.since,
    until: f.until,
    municipality: f.municipality,
    municipalities: scopeFilter(principal),
  };
}
