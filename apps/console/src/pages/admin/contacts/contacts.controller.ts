import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { noticeOf } from '../shared/notice';
import { CONTACT_KINDS, ContactKind } from './contact-kinds';
import { contactBody, formValues, urlErrors } from './contact-form';
import { CONTACTS_TEXTS } from './contacts.texts';
import { ListContacts } from './list-contacts.use-case';
import { LoadContact } from './load-contact.use-case';
import { SaveContact } from './save-contact.use-case';

const BASE: Record<ContactKind, string> = { owner: '/admin/owners', recipient: '/admin/recipients' };
const SECTION = { owner: 'owners', recipient: 'recipients' } as const;

/**
 * Admin → owners (goals service) and recipients (notifications): list, create, edit. Teams, Slack
 * and webhook URLs are shown masked and never sent to the browser; an empty URL field keeps the stored one.
 */
@Controller('admin')
@RequireRole('admin')
export class AdminContactsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listContacts: ListContacts,
    private readonly loadContact: LoadContact,
    private readonly saveContact: SaveContact,
  ) {}

  @Get('owners')
  owners(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string) {
    return this.list(request, response, 'owner', notice);
  }

  @Get('recipients')
  recipients(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string) {
    return this.list(request, response, 'recipient', notice);
  }

  @Post('owners')
  createOwner(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown) {
    return this.create(request, response, 'owner', body);
  }

  @Post('recipients')
  createRecipient(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown) {
    return this.create(request, response, 'recipient', body);
  }

  @Get('owners/:id/edit')
  editOwner(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string) {
    return this.edit(request, response, 'owner', id);
  }

  @Get('recipients/:id/edit')
  editRecipient(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string) {
    return this.edit(request, response, 'recipient', id);
  }

  @Post('owners/:id')
  updateOwner(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.update(request, response, 'owner', id, body);
  }

  @Post('recipients/:id')
  updateRecipient(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.update(request, response, 'recipient', id, body);
  }

  private async list(
    request: ConsoleRequest,
    response: Response,
    kind: ContactKind,
    notice: string | undefined,
    form?: { errors: Record<string, string>; values: Record<string, string> },
    status = 200,
  ) {
    const texts = CONTACTS_TEXTS[languageOf(request)];
    const rows = await this.listContacts.execute(signedIn(request), kind);
    const data = {
      ...adminView(request, SECTION[kind], noticeOf({ created: texts.created, updated: texts.updated }, notice)),
      texts,
      kind,
      base: BASE[kind],
      rows,
      fields: CONTACT_KINDS[kind].createFields,
      errors: form?.errors ?? {},
      values: form?.values ?? {},
    };
    this.pages.send(request, response, 'pages/admin/contacts/contacts', data, {
      title: kind === 'owner' ? texts.ownersTitle : texts.recipientsTitle,
      nav: 'admin',
      status,
    });
  }

  private async create(request: ConsoleRequest, response: Response, kind: ContactKind, body: unknown) {
    const texts = CONTACTS_TEXTS[languageOf(request)];
    const fields = CONTACT_KINDS[kind].createFields;
    const local = {
      ...(formValues(body, ['name']).name ? {} : { name: texts.nameRequired }),
      ...urlErrors(body, fields, texts.urlInvalid),
    };
    if (Object.keys(local).length)
      return this.list(request, response, kind, undefined, { errors: local, values: formValues(body, fields) }, 422);
    const result = await this.saveContact.execute(signedIn(request), kind, undefined, contactBody(body, fields, 'create'));
    if (!result.ok) return this.list(request, response, kind, undefined, { errors: result.errors, values: formValues(body, fields) }, 422);
    response.redirect(303, `${BASE[kind]}?notice=created`);
  }

  private async edit(
    request: ConsoleRequest,
    response: Response,
    kind: ContactKind,
    id: string,
    form?: { errors: Record<string, string>; values: Record<string, string> },
    status = 200,
  ) {
    const texts = CONTACTS_TEXTS[languageOf(request)];
    const contact = await this.loadContact.execute(signedIn(request), kind, id);
    const stored = Object.fromEntries(
      Object.entries(contact)
        .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
        .map(([key, value]) => [key, String(value)]),
    );
    const data = {
      ...adminView(request, SECTION[kind]),
      texts,
      kind,
      base: BASE[kind],
      contact,
      fields: CONTACT_KINDS[kind].editFields,
      errors: form?.errors ?? {},
      values: form?.values ?? stored,
    };
    this.pages.send(request, response, 'pages/admin/contacts/contact-edit', data, {
      title: `${kind === 'owner' ? texts.editOwner : texts.editRecipient}: ${contact.name}`,
      nav: 'admin',
      status,
    });
  }

  private async update(request: ConsoleRequest, response: Response, kind: ContactKind, id: string, body: unknown) {
    const texts = CONTACTS_TEXTS[languageOf(request)];
    const fields = CONTACT_KINDS[kind].editFields;
    const local = urlErrors(body, fields, texts.urlInvalid);
    if (Object.keys(local).length) return this.edit(request, response, kind, id, { errors: local, values: formValues(body, fields) }, 422);
    const result = await this.saveContact.execute(signedIn(request), kind, id, contactBody(body, fields, 'edit'));
    if (!result.ok) return this.edit(request, response, kind, id, { errors: result.errors, values: formValues(body, fields) }, 422);
    response.redirect(303, `${BASE[kind]}?notice=updated`);
  }
}
