import { Body, Controller, Get, HttpCode, HttpException, Post, Query } from '@nestjs/common';
import { Roles, READERS, OPERATORS } from '@pejling/platform';
import { checkFigureBatch } from './figure-batch';
import { FiguresService } from './figures.service';

@Controller('v1/figures')
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  /**
   * Accepts a batch of figures all-or-nothing. 201 means every figure is stored and its events
   * are committed to the outbox; a 400/422 lists each bad row and field, and nothing is stored.
   */
  @Post()
  @HttpCode(201)
  @Roles('integrator', ...OPERATORS)
  async record(@Body() body: unknown) {
    const check = checkFigureBatch(body, new Date());
    if (!check.ok) {
      throw new HttpException({ statusCode: check.status, error: 'Invalid figures', message: check.message, errors: check.errors }, check.status);
    }
    return this.figures.record(check.figures);
  }

  @Get()
  @Roles(...READERS)
  list(@Query('municipality') municipality?: string, @Query('series') series?: string) {
    return this.figures.list({ municipality, series });
  }
}
