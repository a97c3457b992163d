import { Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { timeZoneSchema, webhookUrlSchema } from '@pejling/domain';
import { ApiDoc, principalOf, Roles, UuidParam, validateBody, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { recipientForPrincipal } from '../access/channel-masking';
import { recipientViewSchema } from './routing-response';

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().email('must be an email address').nullable(),
  webhookUrl: webhookUrlSchema.nullable(),
  teamsWebhookUrl: webhookUrlSchema.nullable(),
  slackWebhookUrl: webhookUrlSchema.nullable(),
  language: z.enum(['da', 'en']),
  timeZone: timeZoneSchema,
  digest: z.enum(['off', 'daily', 'weekly']),
  digestHour: z.number().int().min(0).max(23),
};
const hasChannel = (r: { email?: string | null; webhookUrl?: string | null; teamsWebhookUrl?: string | null; slackWebhookUrl?: string | null }) =>
  !!(r.email || r.webhookUrl || r.teamsWebhookUrl || r.slackWebhookUrl);
const createSchema = z
  .object({ ...fields, email: fields.email.optional(), webhookUrl: fields.webhookUrl.optional(), teamsWebhookUrl: fields.teamsWebhookUrl.optional(), slackWebhookUrl: fields.slackWebhookUrl.optional() })
  .partial({ language: true, timeZone: true, digest: true, digestHour: true })
  .refine(hasChannel, { message: 'needs an email, webhookUrl, teamsWebhookUrl or slackWebhookUrl', path: ['email'] });
const patchSchema = z
  .object(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

type RecipientRowView = { id: string; email: string | null; webhookUrl: string | null; teamsWebhookUrl: string | null; slackWebhookUrl: string | null };

const VIEW = `SELECT id, name, email, webhook_url AS "webhookUrl", teams_webhook_url AS "teamsWebhookUrl", slack_webhook_url AS "slackWebhookUrl",
                     language, time_zone AS "timeZone", digest, digest_hour AS "digestHour", created_at AS "createdAt", updated_at AS "updatedAt" FROM recipients`;
const COLUMNS: Record<string, string> = {
  name: 'name', email: 'email', webhookUrl: 'webhook_url', teamsWebhookUrl: 'teams_webhook_url', slackWebhookUrl: 'slack_webhook_url',
  language: 'language', timeZone: 'time_zone', digest: 'digest', digestHour: 'digest_hour',
};

/** People and teams that routing rules add to alerts, with their channels, language, time zone and digest. */
@Controller('v1/recipients')
export class RecipientsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Recipients', responses: { 200: z.array(recipientViewSchema) } })
  async list(@Req() request: Request) {
    const rows: RecipientRowView[] = await this.dataSource.query(`${VIEW} ORDER BY name`);
    return rows.map((row) => recipientForPrincipal(row, principalOf(request)));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One recipient', params: z.object({ id: z.string().uuid() }), responses: { 200: recipientViewSchema } })
  async getOne(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return recipientForPrincipal(await this.get(id), principalOf(request));
  }

  /** The whole recipient (admins' writes answer with it). */
  private async get(id: string): Promise<RecipientRowView> {
    const [row] = await this.dataSource.query(`${VIEW} WHERE id = $1`, [id]);
    if (!row) throw new NotFoundException(`No recipient with id ${id}.`);
    return row;
  }

  @Post()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Create a recipient', body: createSchema, responses: { 201: recipientViewSchema, 409: { description: 'A recipient with that name exists, or the change leaves no channel' } } })
  async create(@Body() body: unknown) {
    const input = validateBody(createSchema, body, 'recipient');
    const entries = Object.entries(input).filter(([, value]) => value !== undefined);
    const [row] = await this.dataSource
      .query(
        `INSERT INTO recipients (${entries.map(([key]) => COLUMNS[key]).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        entries.map(([, value]) => value),
      )
      .catch(conflictOnName);
    return this.get(row.id);
  }

  @Patch(':id')
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Change a recipient', params: z.object({ id: z.string().uuid() }), body: patchSchema, responses: { 200: recipientViewSchema, 409: { description: 'A recipient with that name exists, or the change leaves no channel' } } })
  async update(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    const patch = validateBody(patchSchema, body, 'recipient change');
    const current = await this.get(id);
    if (!hasChannel({ ...current, ...patch })) {
      throw new ConflictException('A recipient needs at least one channel (email, webhookUrl, teamsWebhookUrl or slackWebhookUrl).');
    }
    const entries = Object.entries(patch);
    await this.dataSource
      .query(`UPDATE recipients SET ${entries.map(([key], i) => `${COLUMNS[key]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...entries.map(([, value]) => value)])
      .catch(conflictOnName);
    return this.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Delete a recipient', params: z.object({ id: z.string().uuid() }), responses: { 204: null, 409: { description: 'Named by a routing rule' } } })
  async remove(@Param('id', UuidParam) id: string): Promise<void> {
    await this.get(id);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM routing_rules WHERE $1 = ANY(recipient_ids)`, [id]);
    if (n > 0) throw new ConflictException(`The recipient is named by ${n} routing rule(s); change them first.`);
    await this.dataSource.query(`DELETE FROM recipients WHERE id = $1`, [id]);
  }
}

function conflictOnName(error: { code?: string }): never {
  if (error.code === '23505') throw new ConflictException('A recipient with that name exists.');
  throw error;
}
