import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { textField } from '../shared/field-errors';
import { noticeOf } from '../shared/notice';
import { ApiKeyRecord, KEY_ROLES } from './api-keys.schema';
import { API_KEYS_TEXTS } from './api-keys.texts';
import { CreateApiKey, ListApiKeys, RevokeApiKey } from './api-keys.use-cases';

/**
 * Admin → API keys (goals service): list, create (the key is rendered once in the answer to the
 * post, never in a URL or a redirect), revoke after a confirmation page.
 */
@Controller('admin/api-keys')
@RequireRole('admin')
export class AdminApiKeysController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listKeys: ListApiKeys,
    private readonly createKey: CreateApiKey,
    private readonly revokeKey: RevokeApiKey,
  ) {}

  @Get()
  list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string) {
    return this.render(request, response, { notice });
  }

  @Post()
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = API_KEYS_TEXTS[languageOf(request)];
    const values = { name: textField(body, 'name'), role: textField(body, 'role') };
    if (!values.name) return this.render(request, response, { errors: { name: texts.nameRequired }, values, status: 422 });
    const result = await this.createKey.execute(signedIn(request), values.name, values.role);
    if (!result.ok) return this.render(request, response, { errors: result.errors, values, status: 422 });
    return this.render(request, response, { created: { key: result.key, record: result.record }, status: 201 });
  }

  @Get(':id/revoke')
  async confirmRevoke(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const texts = API_KEYS_TEXTS[languageOf(request)];
    const key = await this.activeKey(request, id);
    this.pages.send(
      request,
      response,
      'pages/admin/api-keys/api-key-revoke',
      { ...adminView(request, 'apiKeys'), texts, key },
      { title: texts.revokeTitle, nav: 'admin' },
    );
  }

  @Post(':id/revoke')
  async revoke(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const key = await this.activeKey(request, id);
    await this.revokeKey.execute(signedIn(request), key);
    response.redirect(303, '/admin/api-keys?notice=revoked');
  }

  private async activeKey(request: ConsoleRequest, id: string): Promise<ApiKeyRecord> {
    const key = (await this.listKeys.execute(signedIn(request))).find((candidate) => candidate.id === id && !candidate.revokedAt);
    if (!key) throw new NotFoundException(API_KEYS_TEXTS[languageOf(request)].notFound);
    return key;
  }

  private async render(
    request: ConsoleRequest,
    response: Response,
    options: {
      notice?: string;
      created?: { key: string; record: ApiKeyRecord };
      errors?: Record<string, string>;
      values?: Record<string, string>;
      status?: number;
    },
  ): Promise<void> {
    const texts = API_KEYS_TEXTS[languageOf(request)];
    const keys = await this.listKeys.execute(signedIn(request));
    const data = {
      ...adminView(request, 'apiKeys', noticeOf({ revoked: texts.revoked }, options.notice)),
      texts,
      keys,
      roles: KEY_ROLES,
      created: options.created,
      errors: options.errors ?? {},
      values: options.values ?? {},
    };
    this.pages.send(request, response, 'pages/admin/api-keys/api-keys', data, {
      title: texts.title,
      nav: 'admin',
      status: options.status ?? 200,
    });
  }
}
