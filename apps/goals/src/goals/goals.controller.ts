import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles, validateBody } from '@pejling/platform';
import { goalPatchSchema, goalSchema } from './goal.schema';
import { GoalsService } from './goals.service';

@Controller('v1/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  @Roles('admin')
  create(@Body() body: unknown) {
    return this.goals.create(validateBody(goalSchema, body, 'goal'));
  }

  @Get()
  @Roles('admin', 'operator', 'integrator')
  list(@Query('municipality') municipality?: string, @Query('state') state?: string) {
    return this.goals.list({ municipality, state });
  }

  @Get(':id')
  @Roles('admin', 'operator', 'integrator')
  get(@Param('id') id: string) {
    return this.goals.get(id);
  }

  @Get(':id/evaluations')
  @Roles('admin', 'operator', 'integrator')
  evaluations(@Param('id') id: string) {
    return this.goals.evaluations(id);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.goals.update(id, validateBody(goalPatchSchema, body, 'goal change'));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id') id: string): Promise<void> {
    await this.goals.remove(id);
  }
}
