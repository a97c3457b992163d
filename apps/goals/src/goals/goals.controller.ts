import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { authorOf, principalOf, READERS, Roles, UuidParam, validateBody, ApiDoc } from '@pejling/platform';
import { goalPatchSchema, goalSchema } from './goal.schema';
import { CreateGoal } from './create-goal.use-case';
import { DeleteGoal } from './delete-goal.use-case';
import { GetGoal } from './get-goal.use-case';
import { ListGoalEvaluations } from './list-goal-evaluations.use-case';
import { ListGoals } from './list-goals.use-case';
import { UpdateGoal } from './update-goal.use-case';
import { ListGoalVersions } from './list-goal-versions';
import { z } from 'zod';
import { goalViewSchema } from './goal-responses';

@Controller('v1/goals')
export class GoalsController {
  constructor(
    private readonly createGoal: CreateGoal,
    private readonly listGoals: ListGoals,
    private readonly getGoal: GetGoal,
    private readonly listEvaluations: ListGoalEvaluations,
    private readonly versions: ListGoalVersions,
    private readonly updateGoal: UpdateGoal,
    private readonly deleteGoal: DeleteGoal,
  ) {}

  @Post()
  @Roles('admin')
  @ApiDoc({ summary: 'Create a goal (evaluated at once)', body: goalSchema, responses: { 201: goalViewSchema } })
  create(@Body() body: unknown, @Req() request: Request) {
    return this.createGoal.run(validateBody(goalSchema, body, 'goal'), authorOf(request), principalOf(request));
  }

  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Goals in scope, with their state and explanation',
    query: z.object({ municipality: z.string().optional(), state: z.string().optional() }),
    responses: { 200: z.array(goalViewSchema) },
  })
  list(@Req() request: Request, @Query('municipality') municipality?: string, @Query('state') state?: string) {
    return this.listGoals.run({ municipality, state }, principalOf(request));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({ summary: 'One goal', params: z.object({ id: z.string().uuid() }), responses: { 200: goalViewSchema } })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getGoal.run(id, principalOf(request));
  }

  @Get(':id/evaluations')
  @Roles(...READERS)
  @ApiDoc({
    summary: "The goal's evaluations",
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: z.array(z.record(z.string(), z.unknown())) },
  })
  evaluations(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.listEvaluations.run(id, principalOf(request));
  }

  /** `[ { version, effectiveFrom, author, createdAt, definition } ]`, oldest first. */
  @Get(':id/versions')
  @Roles(...READERS)
  @ApiDoc({
    summary: "The goal's versions, oldest first",
    params: z.object({ id: z.string().uuid() }),
    responses: {
      200: z.array(
        z.object({
          version: z.number().int(),
          effectiveFrom: z.string().nullable(),
          author: z.string(),
          createdAt: z.string(),
          definition: z.unknown(),
        }),
      ),
    },
  })
  listVersions(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.versions.run(id, principalOf(request));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiDoc({
    summary: 'Change a goal (a new goal version)',
    params: z.object({ id: z.string().uuid() }),
    body: goalPatchSchema,
    responses: { 200: goalViewSchema },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.updateGoal.run(id, validateBody(goalPatchSchema, body, 'goal change'), authorOf(request), principalOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiDoc({ summary: 'Delete a goal', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  async remove(@Param('id', UuidParam) id: string, @Req() request: Request): Promise<void> {
    await this.deleteGoal.run(id, principalOf(request));
  }
}
