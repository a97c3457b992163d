import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ALERT_KINDS } from '@pejling/domain';
import { ApiDoc, Roles, UuidParam, validateBody, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { routingRuleViewSchema } from './routing-response';

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  planId: z.string().trim().min(1).nullable(),
  municipality: z.string().regex(/^\d{3}$/, 'must be a 3-digit municipality code').nullable(),
  focusArea: z.string().trim().min(1).nullable(),
  goalId: z.string().uuid('must be a UUID').nullable(),
  severities: z.array(z.enum(['critical', 'major', 'minor'], { error: 'must be critical, major or minor' })),
  kinds: z.array(z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` })),
  recipientIds: z.array(z.string().uuid('must be a UUID')).min(1, 'must name at least one recipient'),
  enabled: z.boolean(),
};
const createSchema = z.object(fields).partial({ planId: true, municipality: true, focusArea: true, goalId: true, severities: true, kinds: true, enabled: true });
const patchSchema = z
  .object(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

const COLUMNS: Record<string, string> = {
  name: 'name', planId: 'plan_id', municipality: 'municipality', focusArea: 'focus_area', goalId: 'goal_id',
  severities: 'severities', kinds: 'kinds', recipientIds: 'recipient_ids', enabled: 'enabled',
};
const VIEW = `SELECT id, name, plan_id AS "planId", municipality, focus_area AS "focusArea", goal_id AS "goalId", severities, kinds,
                     recipient_ids AS "recipientIds", enabled, position, created_at AS "createdAt", updated_at AS "updatedAt" FROM routing_rules`;

/**
 * The routing table: each rule adds its recipients to the alerts it matches (by plan,
 * municipality, focus area, goal, severity and transition type; an empty matcher matches all).
 */
@Controller('v1/routing-rules')
export class RoutingRulesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Routing rules, in order', responses: { 200: z.array(routingRuleViewSchema) } })
  list() {
    return this.dataSource.query(`${VIEW} ORDER BY position`);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One routing rule', params: z.object({ id: z.string().uuid() }), responses: { 200: routingRuleViewSchema } })
  async get(@Param('id', UuidParam) id: string) {
    const [row] = await this.dataSource.query(`${VIEW} WHERE id = $1`, [id]);
    if (!row) throw new NotFoundException(`No routing rule with id ${id}.`);
    return row;
  }

  @Post()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Create a routing rule', body: createSchema, responses: { 201: routingRuleViewSchema, 422: { description: 'Invalid rule, or recipientIds names unknown recipients' } } })
  async create(@Body() body: unknown) {
    const input = validateBody(createSchema, body, 'routing rule');
    await this.requireRecipients(input.recipientIds);
    const entries = Object.entries(input).filter(([, value]) => value !== undefined);
    const [row] = await this.dataSource.query(
      `INSERT INTO routing_rules (${entries.map(([key]) => COLUMNS[key]).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      entries.map(([, value]) => value),
    );
    return this.get(row.id);
  }

  @Patch(':id')
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Change a routing rule', params: z.object({ id: z.string().uuid() }), body: patchSchema, responses: { 200: routingRuleViewSchema, 422: { description: 'Invalid rule, or recipientIds names unknown recipients' } } })
  async update(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    const patch = validateBody(patchSchema, body, 'routing rule change');
    await this.get(id);
    if (patch.recipientIds) await this.requireRecipients(patch.recipientIds);
    const entries = Object.entries(patch);
    await this.dataSource.query(`UPDATE routing_rules SET ${entries.map(([key], i) => `${COLUMNS[key]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...entries.map(([, value]) => value),
    ]);
    return this.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Delete a routing rule', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  async remove(@Param('id', UuidParam) id: string): Promise<void> {
    await this.get(id);
    await this.dataSource.query(`DELETE FROM routing_rules WHERE id = $1`, [id]);
  }

  private async requireRecipients(ids: readonly string[]): Promise<void> {
    const found: { id: string }[] = await this.dataSource.query(`SELECT id FROM recipients WHERE id = ANY($1::uuid[])`, [ids]);
    const missing = ids.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `Invalid routing rule: recipientIds names unknown recipients: ${missing.join(', ')}`,
        errors: missing.map((id) => ({ field: `recipientIds.${ids.indexOf(id)}`, reason: `no recipient with id ${id}` })),
      });
    }
  }
}
