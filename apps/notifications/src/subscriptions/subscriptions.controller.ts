import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf, Role, Roles, UuidParam, validateBody } from '@pejling/platform';
import { CreateSubscription } from './create-subscription';
import { DeleteSubscription } from './delete-subscription';
import { ReplaySubscription } from './replay-subscription';
import { RotateSubscriptionSecret } from './rotate-subscription-secret';
import { createSubscriptionSchema, replaySchema, rotateSecretSchema, updateSubscriptionSchema } from './subscription-input';
import { GetSubscription, ListSubscriptionDeliveries, ListSubscriptions } from './subscription-queries';
import { UpdateSubscription } from './update-subscription';

const MANAGERS: Role[] = ['admin', 'integrator'];
const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'];

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
  create(@Body() body: unknown, @Req() request: Request) {
    return this.createSubscription.run(validateBody(createSubscriptionSchema, body, 'subscription'), principalOf(request));
  }

  @Get()
  @Roles(...MANAGERS)
  list(@Req() request: Request) {
    return this.listSubscriptions.run(principalOf(request));
  }

  @Get(':id')
  @Roles(...MANAGERS)
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getSubscription.run(id, principalOf(request));
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.updateSubscription.run(id, validateBody(updateSubscriptionSchema, body, 'subscription change'), principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.deleteSubscription.run(id, principalOf(request));
  }

  /** `{ overlapMinutes? }` → `{ secret, previousSecretValidUntil }`: both secrets sign until then. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles(...MANAGERS)
  rotate(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const { overlapMinutes } = validateBody(rotateSecretSchema, body ?? {}, 'secret rotation');
    return this.rotateSecret.run(id, overlapMinutes, principalOf(request));
  }

  /** `{ since }` → 202 `{ replayed, since, truncated }`. */
  @Post(':id/replay')
  @HttpCode(202)
  @Roles(...MANAGERS)
  replay(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.replaySubscription.run(id, validateBody(replaySchema, body, 'replay').since, principalOf(request));
  }

  @Get(':id/deliveries')
  @Roles(...MANAGERS)
  deliveries(@Param('id', UuidParam) id: string, @Req() request: Request, @Query('status') status?: string, @Query('limit') limit?: string) {
    if (status !== undefined && !DELIVERY_STATUSES.includes(status)) throw new BadRequestException(`status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    const max = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return this.listDeliveries.run(id, { status, limit: max }, principalOf(request));
  }
}
