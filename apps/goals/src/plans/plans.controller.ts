import { Body, Controller, Get, Headers, HttpException, Param, ParseIntPipe, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parse, stringify, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseMonth, planSchema, validatePlan } from '@pejling/domain';
import { Roles, READERS } from '@pejling/platform';
import { authorOf } from '../goals/goals.controller';
import { PlansService } from './plans.service';

/** Plans as code: PUT a plan file (YAML or JSON), read it back, see its versions. */
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** Idempotent: the same document again is 200 with `changed: false`; a changed one is a new version (201). */
  @Put(':id')
  @Roles('admin')
  async put(@Param('id') id: string, @Body() body: unknown, @Query('effectiveFrom') effectiveFrom: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const document = typeof body === 'string' ? parseYaml(body) : body;
    const result = validatePlan(document);
    if (!result.ok) throw unprocessable(`Invalid plan: ${result.errors.length} problem(s); nothing was stored.`, result.errors);
    if (result.plan.id !== id) throw unprocessable(`The plan's id '${result.plan.id}' does not match the URL's '${id}'.`, [{ path: 'id', message: `must be '${id}'` }]);
    if (effectiveFrom !== undefined && !parseMonth(effectiveFrom).ok) {
      throw unprocessable('effectiveFrom must be a month as YYYY-MM.', [{ path: 'effectiveFrom', message: 'must be a month as YYYY-MM' }]);
    }
    const outcome = await this.plans.put(result.plan, authorOf(request), effectiveFrom);
    response.status(outcome.changed ? 201 : 200);
    return outcome;
  }

  /** The plan file format as JSON Schema, for editors and CI checks of plan repositories (cross-checks run on PUT). */
  @Get('schema')
  @Roles(...READERS)
  schema() {
    return z.toJSONSchema(planSchema, { unrepresentable: 'any', io: 'input' });
  }

  @Get()
  @Roles(...READERS)
  list() {
    return this.plans.list();
  }

  /** The current (or a given) version; `Accept: application/yaml` exports the plan file itself. */
  @Get(':id')
  @Roles(...READERS)
  async get(@Param('id') id: string, @Query('version') version: string | undefined, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response) {
    const wanted = version === undefined ? undefined : Number(version);
    if (wanted !== undefined && (!Number.isInteger(wanted) || wanted < 1)) throw unprocessable('version must be a positive integer.', [{ path: 'version', message: 'must be a positive integer' }]);
    const plan = await this.plans.get(id, wanted);
    if (accept?.includes('yaml')) {
      response.type('application/yaml');
      return stringify(plan.document);
    }
    return plan;
  }

  @Get(':id/versions/:version')
  @Roles(...READERS)
  version(@Param('id') id: string, @Param('version', ParseIntPipe) version: number) {
    return this.plans.get(id, version);
  }
}

function parseYaml(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      throw new HttpException(
        { statusCode: 400, error: 'Bad Request', message: `The plan is not valid YAML${position ? ` (line ${position.line}, column ${position.col})` : ''}: ${error.message.split('\n')[0]}`, errors: [] },
        400,
      );
    }
    throw error;
  }
}

function unprocessable(message: string, errors: { path: string; message: string }[]): HttpException {
  return new HttpException({ statusCode: 422, error: 'Unprocessable Entity', message, errors }, 422);
}
