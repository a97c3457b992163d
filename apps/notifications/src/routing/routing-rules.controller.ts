import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { ALERT_KINDS } from '@pejling/domain-alerting';
import { ApiDoc, Roles, UuidParam, validateBody, READERS, RequiresAllMunicipalities } from '@pejling/platform';
import { CreateRoutingRule } from './create-routing-rule.use-case';
import { DeleteRoutingRule } from './delete-routing-rule.use-case';
import { GetRoutingRule } from './get-routing-rule.use-case';
import { ListRoutingRules } from './list-routing-rules.use-case';
import { routingRuleViewSchema } from './routing-response';
import { UpdateRoutingRule } from './update-routing-rule.use-case';

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  planId: z.string().trim().min(1).nullable(),
  municipality: z
    .string()
    .regex(/^\d{3}$/, 'must be a 3-digit municipality code')
    .nullable(),
  focusArea: z.string().trim().min(1).nullable(),
  goalId: z.string().uuid('must be a UUID').nullable(),
  severities: z.array(z.enum(['critical', 'major', 'minor'], { error: 'must be critical, major or minor' })),
  kinds: z.array(z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` })),
  recipientIds: z.array(z.string().uuid('must be a UUID')).min(1, 'must name at least one recipient'),
  enabled: z.boolean(),
};
const createSchema = z
  .object(fields)
  .partial({ planId: true, municipality: true, focusArea: true, goalId: true, severities: true, kinds: true, enabled: true });
const patchSchema = z
  .object(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

/**
 * The routing table: each rule adds its recipients to the alerts it matches (by plan,
 * municipality, focus area, goal, severity and transition type; an empty matcher matches all).
 */
@Controller('v1/routing-rules')
export class RoutingRulesController {
  constructor(
    private readonly listRules: ListRoutingRules,
    private readonly getRule: GetRoutingRule,
    private readonly createRule: CreateRoutingRule,
    private readonly updateRule: UpdateRoutingRule,
    private readonly deleteRule: DeleteRoutingRule,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Routing rules, in order', responses: { 200: z.array(routingRuleViewSchema) } })
  list() {
    return this.listRules.run();
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One routing rule', params: z.object({ id: z.string().uuid() }), responses: { 200: routingRuleViewSchema } })
  get(@Param('id', UuidParam) id: string) {
    return this.getRule.run(id);
  }

  @Post()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Create a routing rule',
    body: createSchema,
    responses: { 201: routingRuleViewSchema, 422: { description: 'Invalid rule, or recipientIds names unknown recipients' } },
  })
  create(@Body() body: unknown) {
    const input = validateBody(createSchema, body, 'routing rule');
    return this.createRule.run(input);
  }

  @Patch(':id')
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Change a routing rule',
    params: z.object({ id: z.string().uuid() }),
    body: patchSchema,
    responses: { 200: routingRuleViewSchema, 422: { description: 'Invalid rule, or recipientIds names unknown recipients' } },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    const patch = validateBody(patchSchema, body, 'routing rule change');
    return this.updateRule.run(id, patch);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Delete a routing rule', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.deleteRule.run(id);
  }
}
