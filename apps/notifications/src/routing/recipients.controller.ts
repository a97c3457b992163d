import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { contactChannelFields } from '@pejling/domain-kernel';
import { ApiDoc, principalOf, Roles, UuidParam, validateBody, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { recipientForPrincipal } from '../access/channel-masking';
import { CreateRecipient } from './create-recipient.use-case';
import { DeleteRecipient } from './delete-recipient.use-case';
import { GetRecipient } from './get-recipient.use-case';
import { ListRecipients } from './list-recipients.use-case';
import { hasChannel } from './recipient-channels';
import { UpdateRecipient } from './update-recipient.use-case';
import { recipientViewSchema } from './routing-response';

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  ...contactChannelFields,
  digest: z.enum(['off', 'daily', 'weekly']),
  digestHour: z.number().int().min(0).max(23),
};
const createSchema = z
  .object({
    ...fields,
    email: fields.email.optional(),
    webhookUrl: fields.webhookUrl.optional(),
    teamsWebhookUrl: fields.teamsWebhookUrl.optional(),
    slackWebhookUrl: fields.slackWebhookUrl.optional(),
  })
  .partial({ language: true, timeZone: true, digest: true, digestHour: true })
  .refine(hasChannel, { message: 'needs an email, webhookUrl, teamsWebhookUrl or slackWebhookUrl', path: ['email'] });
const patchSchema = z
  .object(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

/** People and teams that routing rules add to alerts, with their channels, language, time zone and digest. */
@Controller('v1/recipients')
export class RecipientsController {
  constructor(
    private readonly listRecipients: ListRecipients,
    private readonly getRecipient: GetRecipient,
    private readonly createRecipient: CreateRecipient,
    private readonly updateRecipient: UpdateRecipient,
    private readonly deleteRecipient: DeleteRecipient,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Recipients', responses: { 200: z.array(recipientViewSchema) } })
  async list(@Req() request: Request) {
    return (await this.listRecipients.run()).map((row) => recipientForPrincipal(row, principalOf(request)));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One recipient', params: z.object({ id: z.string().uuid() }), responses: { 200: recipientViewSchema } })
  async getOne(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return recipientForPrincipal(await this.getRecipient.run(id), principalOf(request));
  }

  @Post()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Create a recipient',
    body: createSchema,
    responses: { 201: recipientViewSchema, 409: { description: 'A recipient with that name exists, or the change leaves no channel' } },
  })
  create(@Body() body: unknown) {
    const input = validateBody(createSchema, body, 'recipient');
    return this.createRecipient.run(input);
  }

  @Patch(':id')
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Change a recipient',
    params: z.object({ id: z.string().uuid() }),
    body: patchSchema,
    responses: { 200: recipientViewSchema, 409: { description: 'A recipient with that name exists, or the change leaves no channel' } },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    const patch = validateBody(patchSchema, body, 'recipient change');
    return this.updateRecipient.run(id, patch);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Delete a recipient',
    params: z.object({ id: z.string().uuid() }),
    responses: { 204: null, 409: { description: 'Named by a routing rule' } },
  })
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.deleteRecipient.run(id);
  }
}
