import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Roles, validateBody, UuidParam, READERS } from '@pejling/platform';
import { goalPatchSchema, goalSchema } from './goal.schema';
import { GoalsService } from './goals.service';

@Controller('v1/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  @Roles('admin')
  create(@Body() body: unknown, @Req() request: Request) {
    return this.goals.create(validateBody(goalSchema, body, 'goal'), authorOf(request));
  }

  @Get()
  @Roles(...READERS)
  list(@Query('municipality') municipality?: string, @Query('state') state?: string) {
    return this.goals.list({ municipality, state });
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', UuidParam) id: string) {
    return this.goals.get(id);
  }

  @Get(':id/evaluations')
  @Roles(...READERS)
  evaluations(@Param('id', UuidParam) id: string) {
    return this.goals.evaluations(id);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    return this.goals.update(id, validateBody(goalPatchSchema, body, 'goal change'), authorOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id', UuidParam) id: string): Promise<void> {
    await this.goals.remove(id);
  }
}

/** The name of the API key that made a change, for the version history. */
export function authorOf(request: Request): string {
  return (request as Request & { apiKey?: { name: string } }).apiKey?.name ?? 'unknown';
}
