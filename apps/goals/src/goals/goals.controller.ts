import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { authorOf, principalOf, READERS, Roles, UuidParam, validateBody } from '@pejling/platform';
import { goalPatchSchema, goalSchema } from './goal.schema';
import { GoalsService } from './goals.service';
import { ListGoalVersions } from './list-goal-versions';

@Controller('v1/goals')
export class GoalsController {
  constructor(
    private readonly goals: GoalsService,
    private readonly versions: ListGoalVersions,
  ) {}

  @Post()
  @Roles('admin')
  create(@Body() body: unknown, @Req() request: Request) {
    return this.goals.create(validateBody(goalSchema, body, 'goal'), authorOf(request), principalOf(request));
  }

  @Get()
  @Roles(...READERS)
  list(@Req() request: Request, @Query('municipality') municipality?: string, @Query('state') state?: string) {
    return this.goals.list({ municipality, state }, principalOf(request));
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.goals.get(id, principalOf(request));
  }

  @Get(':id/evaluations')
  @Roles(...READERS)
  evaluations(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.goals.evaluations(id, principalOf(request));
  }

  /** `[ { version, effectiveFrom, author, createdAt, definition } ]`, oldest first. */
  @Get(':id/versions')
  @Roles(...READERS)
  listVersions(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.versions.run(id, principalOf(request));
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.goals.update(id, validateBody(goalPatchSchema, body, 'goal change'), authorOf(request), principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.goals.remove(id, principalOf(request));
  }
}
