import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiDoc, principalOf, Role, Roles, UuidParam, validateBody } from '@pejling/platform';
import { CreateSubscription } from './create-subscription';
import { DeleteSubscription } from './delete-subscription';
import { ReplaySubscription } from './replay-subscription';
import { RotateSubscriptionSecret } from './rotate-subscription-secret';
import { rotatedSecretSchema, rotateSecretSchema } from '../signing/secret-rotation.schema';
import { createSubscriptionSchema, replaySchema, updateSubscriptionSchema } from './subscription-input';
import { GetSubscription } from './get-subscription';
import { ListSubscriptionDeliveries } from './list-subscription-deliveries';
import { ListSubscriptions } from './list-subscriptions';
import { UpdateSubscription } from './update-subscription';
import { z } from 'zod';
import { replayResultSchema, subscriptionCreatedSchema, subscriptionDeliverySchema, subscriptionViewSchema } from './subscription-response';

const MANAGERS: Role[] = ['admin', 'integrator'];
const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'] as const;

/**
 * Integrators' webhook subscriptions: events by type and municipality, signed by the Standard
 * Webhooks specification with a secret per subscription, in the CloudEvents HTTP binding.
 */
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly createSubscription: CreateSubscription,
    private readonly listSubscriptions: ListSubscriptions,
    private readonly getSubscription: GetSubscription,
    private readonly updateSubscription: UpdateSubscription,
    private readonly deleteSubscription: DeleteSubscription,
    private readonly rotateSecret: RotateSubscriptionSecret,
    private readonly replaySubscription: ReplaySubscription,
    private readonly listDeliveries: ListSubscriptionDeliveries,
  ) {}

  /** 201 `{ subscription, secret }`: the secret (`whsec_…`) is shown this once. */
  @Post()
  @Roles(...MANAGERS)
  @ApiDoc({
    summary: 'Subscribe a URL to events (the secret is shown once)',
    body: createSubscriptionSchema,
    responses: { 201: subscriptionCreatedSchema },
  })
  create(@Body() body: unknown, @Req() request: Request) {
    return this.createSubscription.run(validateBody(createSubscriptionSchema, body, 'subscription'), principalOf(request));
  }

  @Get()
  @Roles(...MANAGERS)
  @ApiDoc({ summary: 'Subscriptions in scope', responses: { 200: z.array(subscriptionViewSchema) } })
  list(@Req() request: Request) {
    return this.listSubscriptions.run(principalOf(request));
  }

  @Get(':id')
  @Roles(...MANAGERS)
  @ApiDoc({ summary: 'One subscription', params: z.object({ id: z.string().uuid() }), responses: { 200: subscriptionViewSchema } })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getSubscription.run(id, principalOf(request));
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiDoc({
    summary: 'Change a subscription',
    params: z.object({ id: z.string().uuid() }),
    body: updateSubscriptionSchema,
    responses: { 200: subscriptionViewSchema },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.updateSubscription.run(id, validateBody(updateSubscriptionSchema, body, 'subscription change'), principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  @ApiDoc({ summary: 'Delete a subscription', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.deleteSubscription.run(id, principalOf(request));
  }

  /** `{ overlapMinutes? }` → `{ secret, previousSecretValidUntil }`: both secrets sign until then. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiDoc({
    summary: "Rotate a subscription's signing secret",
    description: 'Both secrets sign until previousSecretValidUntil.',
    params: z.object({ id: z.string().uuid() }),
    body: rotateSecretSchema,
    responses: { 200: rotatedSecretSchema },
  })
  rotate(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const { overlapMinutes } = validateBody(rotateSecretSchema, body ?? {}, 'secret rotation');
    return this.rotateSecret.run(id, overlapMinutes, principalOf(request));
  }

  /** `{ since }` → 202 `{ replayed, since, truncated }`. */
  @Post(':id/replay')
  @HttpCode(202)
  @Roles(...MANAGERS)
  @ApiDoc({
    summary: 'Replay the events since a time',
    params: z.object({ id: z.string().uuid() }),
    body: replaySchema,
    responses: { 202: replayResultSchema },
  })
  replay(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.replaySubscription.run(id, validateBody(replaySchema, body, 'replay').since, principalOf(request));
  }

  @Get(':id/deliveries')
  @Roles(...MANAGERS)
  @ApiDoc({
    summary: "A subscription's deliveries with their attempts, newest first",
    params: z.object({ id: z.string().uuid() }),
    query: z.object({ status: z.enum(DELIVERY_STATUSES).optional(), limit: z.string().describe('1–1000, default 100').optional() }),
    responses: { 200: z.array(subscriptionDeliverySchema) },
  })
  deliveries(
    @Param('id', UuidParam) id: string,
    @Req() request: Request,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
  ) {
    if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status))
      throw new BadRequestException(`status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    const max = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return this.listDeliveries.run(id, { status, limit: max }, principalOf(request));
  }
}
