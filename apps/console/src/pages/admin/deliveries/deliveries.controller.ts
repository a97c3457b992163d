import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { textField } from '../shared/field-errors';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './deliveries.schema';
import { DELIVERIES_TEXTS } from './deliveries.texts';
import { ListDeliveries, RetryDelivery } from './deliveries.use-cases';
import { deliveryFilter, filterQuery } from './delivery-filter';

/** Admin → delivery log (notifications service): filters in the URL, counts, attempt logs, retry of dead letters. */
@Controller('admin/deliveries')
@RequireRole('admin')
export class AdminDeliveriesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listDeliveries: ListDeliveries,
    private readonly retryDelivery: RetryDelivery,
  ) {}

  @Get()
  async list(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const texts = DELIVERIES_TEXTS[languageOf(request)];
    const { filter, values, errors } = deliveryFilter(query, texts);
    const { deliveries, counts } = await this.listDeliveries.execute(signedIn(request), filter);
    const notice = query.notice === 'retried' ? texts.retried : undefined;
    const data = {
      ...adminView(request, 'deliveries', notice),
      texts,
      deliveries,
      counts,
      values,
      errors,
      query: filterQuery(filter),
      statuses: DELIVERY_STATUSES,
      channels: DELIVERY_CHANNELS,
    };
    this.pages.send(request, response, 'pages/admin/deliveries/deliveries', data, {
      title: texts.title,
      nav: 'admin',
      status: Object.keys(errors).length ? 422 : 200,
    });
  }

  @Post(':id/retry')
  async retry(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.retryDelivery.execute(signedIn(request), id);
    const back = new URLSearchParams(textField(body, 'back'));
    back.delete('notice');
    back.set('notice', 'retried');
    response.redirect(303, `/admin/deliveries?${back.toString()}`);
  }
}
