import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { noticeOf } from '../shared/notice';
import { DeleteRoutingRule } from './delete-routing-rule.use-case';
import { LoadRoutingRule } from './load-routing-rule.use-case';
import { LoadRouting } from './load-routing.use-case';
import { routingBody, RoutingValues, valuesOf } from './routing-form';
import { KINDS, SEVERITIES } from './routing.schema';
import { ROUTING_TEXTS, RoutingTexts } from './routing.texts';
import { SaveRoutingRule } from './save-routing-rule.use-case';

type FormState = { errors: Record<string, string>; values: RoutingValues };

/** Admin → routing rules (notifications service): list, create, edit, delete with a confirmation. */
@Controller('admin/routing')
@RequireRole('admin')
export class AdminRoutingController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadRouting: LoadRouting,
    private readonly loadRule: LoadRoutingRule,
    private readonly saveRule: SaveRoutingRule,
    private readonly deleteRule: DeleteRoutingRule,
  ) {}

  @Get()
  list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string) {
    return this.renderList(request, response, notice);
  }

  @Post()
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = ROUTING_TEXTS[languageOf(request)];
    const input = routingBody(body);
    const local = localErrors(texts, input);
    const result = local ? { ok: false as const, errors: local } : await this.saveRule.execute(signedIn(request), undefined, input);
    if (!result.ok) return this.renderList(request, response, undefined, { errors: result.errors, values: valuesOf(input) }, 422);
    response.redirect(303, '/admin/routing?notice=created');
  }

  @Get(':id/edit')
  async edit(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const rule = await this.loadRule.execute(signedIn(request), id);
    return this.renderEdit(request, response, id, { errors: {}, values: valuesOf(rule) }, 200);
  }

  @Post(':id')
  async update(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const texts = ROUTING_TEXTS[languageOf(request)];
    const input = routingBody(body);
    const local = localErrors(texts, input);
    const result = local ? { ok: false as const, errors: local } : await this.saveRule.execute(signedIn(request), id, input);
    if (!result.ok) return this.renderEdit(request, response, id, { errors: result.errors, values: valuesOf(input) }, 422);
    response.redirect(303, '/admin/routing?notice=updated');
  }

  @Get(':id/delete')
  async confirmDelete(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const texts = ROUTING_TEXTS[languageOf(request)];
    const rule = await this.loadRule.execute(signedIn(request), id);
    this.pages.send(
      request,
      response,
      'pages/admin/routing/routing-delete',
      { ...adminView(request, 'routing'), texts, rule },
      { title: texts.deleteTitle, nav: 'admin' },
    );
  }

  @Post(':id/delete')
  async remove(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    await this.deleteRule.execute(signedIn(request), id);
    response.redirect(303, '/admin/routing?notice=deleted');
  }

  private async renderList(
    request: ConsoleRequest,
    response: Response,
    notice: string | undefined,
    form?: FormState,
    status = 200,
  ): Promise<void> {
    const texts = ROUTING_TEXTS[languageOf(request)];
    const data = await this.loadRouting.execute(signedIn(request));
    const view = {
      ...adminView(request, 'routing', noticeOf({ created: texts.created, updated: texts.updated, deleted: texts.deleted }, notice)),
      texts,
      ...data,
      severities: SEVERITIES,
      kinds: KINDS,
    };
    this.pages.send(
      request,
      response,
      'pages/admin/routing/routing',
      { ...view, errors: form?.errors ?? {}, values: form?.values ?? valuesOf(undefined) },
      { title: texts.title, nav: 'admin', status },
    );
  }

  private async renderEdit(request: ConsoleRequest, response: Response, id: string, form: FormState, status: number): Promise<void> {
    const texts = ROUTING_TEXTS[languageOf(request)];
    const data = await this.loadRouting.execute(signedIn(request));
    const view = { ...adminView(request, 'routing'), texts, ...data, severities: SEVERITIES, kinds: KINDS, id, ...form };
    this.pages.send(request, response, 'pages/admin/routing/routing-edit', view, {
      title: `${texts.edit}: ${form.values.name}`,
      nav: 'admin',
      status,
    });
  }
}

/** What the console can tell before asking the service (in the reader's language). */
function localErrors(texts: RoutingTexts, input: Record<string, unknown>): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  if (!input.name) errors.name = texts.nameRequired;
  if (!(input.recipientIds as string[]).length) errors.recipientIds = texts.recipientsRequired;
  return Object.keys(errors).length ? errors : undefined;
}
