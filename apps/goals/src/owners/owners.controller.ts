import { Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { assertInScope, assertUnscoped, inScope, isUnscoped, Principal, principalOf, READERS, Roles, scopeFilter, Transactions, UuidParam, validateBody } from '@pejling/platform';
import { timeZoneSchema, webhookUrlSchema } from '@pejling/domain';
import { ownerSchema } from '../goals/goal.schema';
import { ensureOwner, syncOwnerToGoals } from './owners.repository';

const OWNER_VIEW = `
  SELECT o.id, o.name, o.email, o.webhook_url AS "webhookUrl", o.teams_webhook_url AS "teamsWebhookUrl", o.slack_webhook_url AS "slackWebhookUrl",
         o.language, o.time_zone AS "timeZone",
         (SELECT count(*)::int FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL) AS goals,
         ARRAY(SELECT DISTINCT g.municipality::text FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL ORDER BY 1) AS municipalities,
         o.created_at AS "createdAt", o.updated_at AS "updatedAt"
    FROM owners o`;

const ownerPatchSchema = z
  .object({
    email: z.string().trim().email('must be an email address').nullable(),
    webhookUrl: webhookUrlSchema.nullable(),
    teamsWebhookUrl: webhookUrlSchema.nullable(),
    slackWebhookUrl: webhookUrlSchema.nullable(),
    language: z.enum(['da', 'en']),
    timeZone: timeZoneSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

/** Owners (committees, teams, people) that goals alert; a change reaches every goal they own. */
@Controller('v1/owners')
export class OwnersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  @Get()
  @Roles(...READERS)
  list(@Req() request: Request) {
    // A scoped principal sees the owners of its municipalities' goals.
    return this.dataSource.query(
      `SELECT * FROM (${OWNER_VIEW}) o WHERE ($1::text[] IS NULL OR o.municipalities && $1::text[]) ORDER BY o.name`,
      [scopeFilter(principalOf(request))],
    );
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.visible(id, principalOf(request));
  }

  private async visible(id: string, principal: Principal) {
    const [owner] = await this.dataSource.query(`${OWNER_VIEW} WHERE o.id::text = $1`, [id]);
    if (!owner || (!isUnscoped(principal) && !owner.municipalities.some((code: string) => inScope(principal, code)))) throw new NotFoundException(`No owner with id ${id}.`);
    return owner;
  }

  /** Changing an owner changes every goal it owns: all their municipalities must be in scope. */
  private async changeable(id: string, principal: Principal) {
    const owner = await this.visible(id, principal);
    for (const code of owner.municipalities as string[]) assertInScope(principal, code, 'owners');
    return owner;
  }

  @Post()
  @Roles('admin')
  async create(@Body() body: unknown, @Req() request: Request) {
    const owner = validateBody(ownerSchema, body, 'owner');
    // A new owner has no goals yet, so no municipality: only an unscoped admin creates one (plans name theirs).
    assertUnscoped(principalOf(request), 'owners without goals');
    const { id } = await this.transactions.run(async ({ manager }) => {
      const row = await ensureOwner(manager, owner);
      await syncOwnerToGoals(manager, row.id);
      return row;
    });
    return this.visible(id, principalOf(request));
  }

  @Patch(':id')
  @Roles('admin')
  async update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const patch = validateBody(ownerPatchSchema, body, 'owner change');
    await this.changeable(id, principalOf(request));
    await this.transactions.run(async ({ manager }) => {
      await manager.query(
        `UPDATE owners SET
           email = CASE WHEN $2 THEN $3 ELSE email END, webhook_url = CASE WHEN $4 THEN $5 ELSE webhook_url END,
           language = COALESCE($6, language), time_zone = COALESCE($7, time_zone),
           teams_webhook_url = CASE WHEN $8 THEN $9 ELSE teams_webhook_url END, slack_webhook_url = CASE WHEN $10 THEN $11 ELSE slack_webhook_url END,
           updated_at = now()
         WHERE id = $1`,
        [
          id, 'email' in patch, patch.email ?? null, 'webhookUrl' in patch, patch.webhookUrl ?? null, patch.language ?? null, patch.timeZone ?? null,
          'teamsWebhookUrl' in patch, patch.teamsWebhookUrl ?? null, 'slackWebhookUrl' in patch, patch.slackWebhookUrl ?? null,
        ],
      );
      await syncOwnerToGoals(manager, id);
    });
    return this.visible(id, principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    const owner = await this.changeable(id, principalOf(request));
    if (owner.goals > 0) throw new ConflictException(`Owner '${owner.name}' still owns ${owner.goals} goal(s); give them another owner first.`);
    await this.transactions.run(async ({ manager }) => {
      // Soft-deleted goals keep their history but no longer hold on to the owner.
      await manager.query(`DELETE FROM goal_owners WHERE owner_id = $1`, [id]);
      await manager.query(`DELETE FROM owners WHERE id = $1`, [id]);
    });
  }
}
