import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { principalOf, READERS, Roles, UuidParam, validateBody, ApiDoc } from '@pejling/platform';
import { contactChannelFields } from '@pejling/domain-kernel';
import { ownerSchema } from './owner.schema';
import { CreateOwner } from './create-owner.use-case';
import { DeleteOwner } from './delete-owner.use-case';
import { GetOwner } from './get-owner.use-case';
import { ListOwners } from './list-owners.use-case';
import { PublishOwnerSnapshot } from './publish-owner-snapshot.use-case';
import { UpdateOwner } from './update-owner.use-case';
import { ownerSnapshotResultSchema, ownerViewSchema } from './owner-response';

const ownerPatchSchema = z
  .object({
    ...contactChannelFields,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');

/** Owners (committees, teams, people) that goals alert; a change reaches every goal they own. */
@Controller('v1/owners')
export class OwnersController {
  constructor(
    private readonly listOwners: ListOwners,
    private readonly getOwner: GetOwner,
    private readonly createOwner: CreateOwner,
    private readonly updateOwner: UpdateOwner,
    private readonly deleteOwner: DeleteOwner,
    private readonly publishSnapshot: PublishOwnerSnapshot,
  ) {}

  /** Publishes every owner's contacts on the internal owners topic again (a fresh notifications catches up). */
  @Post('snapshot')
  @HttpCode(202)
  @Roles('admin')
  @ApiDoc({ summary: "Publish every owner's contacts on the owners topic again", responses: { 202: ownerSnapshotResultSchema } })
  async snapshot(@Req() request: Request): Promise<{ published: number }> {
    return { published: await this.publishSnapshot.run(principalOf(request)) };
  }

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Owners in scope', responses: { 200: z.array(ownerViewSchema) } })
  list(@Req() request: Request) {
    return this.listOwners.run(principalOf(request));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'One owner',
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: ownerViewSchema, 404: { description: 'No such owner in scope' } },
  })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getOwner.run(id, principalOf(request));
  }

  @Post()
  @Roles('admin')
  @ApiDoc({ summary: 'Create an owner', body: ownerSchema, responses: { 201: ownerViewSchema } })
  create(@Body() body: unknown, @Req() request: Request) {
    return this.createOwner.run(validateBody(ownerSchema, body, 'owner'), principalOf(request));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiDoc({
    summary: 'Change an owner',
    body: ownerPatchSchema,
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: ownerViewSchema },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.updateOwner.run(id, validateBody(ownerPatchSchema, body, 'owner change'), principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiDoc({
    summary: 'Delete an owner',
    params: z.object({ id: z.string().uuid() }),
    responses: { 204: null, 404: { description: 'No such owner' } },
  })
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.deleteOwner.run(id, principalOf(request));
  }
}
