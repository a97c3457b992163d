import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { listField, textField } from '../shared/field-errors';
import { noticeOf } from '../shared/notice';
import { EVENT_TYPE_CHOICES, SecretOnce } from './subscriptions.schema';
import { SUBSCRIPTIONS_TEXTS } from './subscriptions.texts';
import {
  CreateSubscription,
  DeleteSubscription,
  ListSubscriptions,
  LoadSubscription,
  ReplaySubscription,
  RotateSubscriptionSecret,
  SetSubscriptionEnabled,
} from './subscriptions.use-cases';

const DEFAULT_OVERLAP_MINUTES = 24 * 60;

/**
 * Admin → Webhook subscriptions (notifications service): list and create (the secret is rendered
 * once in the answer to the post, never in a URL or a redirect), and per subscription its delivery
 * log, enable/disable, secret rotation with an overlap, replay since a date and delete after a
 * confirmation page.
 */
@Controller('admin/subscriptions')
@RequireRole('admin')
export class AdminSubscriptionsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listSubscriptions: ListSubscriptions,
    private readonly loadSubscription: LoadSubscription,
    private readonly createSubscription: CreateSubscription,
    private readonly setEnabled: SetSubscriptionEnabled,
    private readonly rotateSecret: RotateSubscriptionSecret,
    private readonly replaySubscription: ReplaySubscription,
    private readonly deleteSubscription: DeleteSubscription,
  ) {}

  @Get()
  list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string) {
    return this.renderList(request, response, { notice });
  }

  @Post()
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const values = {
      url: textField(body, 'url'),
      eventTypes: listField(body, 'eventTypes'),
      municipalities: textField(body, 'municipalities'),
      description: textField(body, 'description'),
      contactEmail: textField(body, 'contactEmail'),
    };
    const errors: Record<string, string> = {};
    if (!values.url) errors.url = texts.urlRequired;
    if (!values.eventTypes.length) errors.eventTypes = texts.eventTypesRequired;
    if (Object.keys(errors).length) return this.renderList(request, response, { errors, values, status: 422 });
    const municipalities = values.municipalities.split(/[\s,;]+/).filter(Boolean);
    const result = await this.createSubscription.execute(signedIn(request), {
      url: values.url,
      eventTypes: values.eventTypes,
      municipalities: municipalities.length ? municipalities : undefined,
      description: values.description,
      contactEmail: values.contactEmail || undefined,
    });
    if (!result.ok) return this.renderList(request, response, { errors: result.errors, values, status: 422 });
    return this.renderDetail(request, response, result.subscription.id, {
      secret: { secret: result.secret },
      notice: texts.createdNotice,
      status: 201,
    });
  }

  @Get(':id')
  detail(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice?: string,
  ) {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    return this.renderDetail(request, response, id, { notice: noticeOf({ enabled: texts.enabled, disabled: texts.disabled }, notice) });
  }

  @Post(':id/enabled')
  async enable(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const enabled = textField(body, 'enabled') === 'true';
    await this.setEnabled.execute(signedIn(request), id, enabled);
    response.redirect(303, `/admin/subscriptions/${id}?notice=${enabled ? 'enabled' : 'disabled'}`);
  }

  @Post(':id/rotate')
  async rotate(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const raw = textField(body, 'overlapMinutes');
    const overlapMinutes = raw === '' ? DEFAULT_OVERLAP_MINUTES : Number(raw);
    if (!Number.isInteger(overlapMinutes) || overlapMinutes < 0)
      return this.renderDetail(request, response, id, {
        errors: { overlapMinutes: texts.overlapInvalid },
        values: { overlapMinutes: raw },
        status: 422,
      });
    const result = await this.rotateSecret.execute(signedIn(request), id, overlapMinutes);
    if (!result.ok)
      return this.renderDetail(request, response, id, { errors: result.errors, values: { overlapMinutes: raw }, status: 422 });
    return this.renderDetail(request, response, id, {
      secret: { secret: result.secret, previousValidUntil: result.previousValidUntil },
      notice: texts.rotated,
    });
  }

  @Post(':id/replay')
  async replay(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const since = textField(body, 'since');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since))
      return this.renderDetail(request, response, id, { errors: { since: texts.sinceInvalid }, values: { since }, status: 422 });
    const result = await this.replaySubscription.execute(signedIn(request), id, `${since}T00:00:00Z`);
    if (!result.ok) return this.renderDetail(request, response, id, { errors: result.errors, values: { since }, status: 422 });
    return this.renderDetail(request, response, id, { notice: texts.replayed(result.replayed, result.truncated) });
  }

  @Get(':id/delete')
  async confirmDelete(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const { subscription } = await this.loadSubscription.execute(signedIn(request), id);
    this.pages.send(
      request,
      response,
      'pages/admin/subscriptions/subscription-delete',
      { ...adminView(request, 'subscriptions'), texts, subscription },
      { title: texts.deleteTitle, nav: 'admin' },
    );
  }

  @Post(':id/delete')
  async remove(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const { subscription } = await this.loadSubscription.execute(signedIn(request), id);
    await this.deleteSubscription.execute(signedIn(request), subscription);
    response.redirect(303, '/admin/subscriptions?notice=deleted');
  }

  private async renderList(
    request: ConsoleRequest,
    response: Response,
    options: { notice?: string; errors?: Record<string, string>; values?: Record<string, unknown>; status?: number },
  ): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const subscriptions = await this.listSubscriptions.execute(signedIn(request));
    const data = {
      ...adminView(request, 'subscriptions', noticeOf({ deleted: texts.deleted }, options.notice)),
      texts,
      subscriptions,
      eventTypeChoices: EVENT_TYPE_CHOICES,
      errors: options.errors ?? {},
      values: options.values ?? {},
    };
    this.pages.send(request, response, 'pages/admin/subscriptions/subscriptions', data, {
      title: texts.title,
      nav: 'admin',
      status: options.status ?? 200,
    });
  }

  private async renderDetail(
    request: ConsoleRequest,
    response: Response,
    id: string,
    options: { notice?: string; secret?: SecretOnce; errors?: Record<string, string>; values?: Record<string, string>; status?: number },
  ): Promise<void> {
    const texts = SUBSCRIPTIONS_TEXTS[languageOf(request)];
    const { subscription, deliveries } = await this.loadSubscription.execute(signedIn(request), id);
    const data = {
      ...adminView(request, 'subscriptions', options.notice),
      texts,
      subscription,
      deliveries,
      secret: options.secret,
      defaultOverlap: DEFAULT_OVERLAP_MINUTES,
      errors: options.errors ?? {},
      values: options.values ?? {},
    };
    this.pages.send(request, response, 'pages/admin/subscriptions/subscription', data, {
      title: texts.detailTitle(subscription.description),
      nav: 'admin',
      status: options.status ?? 200,
    });
  }
}
