import { Body, Controller, Get, Headers, HttpCode, HttpException, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { stringify } from 'yaml';
import { z } from 'zod';
import { planSchema, validatePlan } from '@pejling/domain-goals';
import { parseMonth } from '@pejling/domain-kernel';
import { ApiDoc, authorOf, principalOf, READERS, Roles } from '@pejling/platform';
import { ListPlanVersions } from './list-plan-versions';
import { readPlanText } from './plan-text';
import { GetPlan } from './get-plan.use-case';
import { ListPlans } from './list-plans.use-case';
import { PutPlan } from './put-plan.use-case';
import { ValidatePlan } from './validate-plan';
import { planPutResultSchema } from '../goals/goal-responses';
import { planJsonSchemaSchema, planSummarySchema, planValidationOkSchema, planVersionListingSchema, planViewSchema } from './plan-response';

/** A plan file sent as JSON: its format is GET /v1/plans/schema (cross-checks run on PUT). */
const planJsonBodySchema = z.looseObject({});

/** Plans as code: PUT a plan file (YAML or JSON), validate one, read it back, see its versions. */
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly putPlan: PutPlan,
    private readonly listPlans: ListPlans,
    private readonly getPlan: GetPlan,
    private readonly versions: ListPlanVersions,
    private readonly validator: ValidatePlan,
  ) {}

  /** Idempotent: the same document again is 200 with `changed: false`; a changed one is a new version (201). */
  @Put(':id')
  @Roles('admin')
  @ApiDoc({
    summary: 'Store a plan file (a new version when it changed)',
    description:
      'Idempotent: the same document again is 200 with `changed: false`; a changed one is a new version (201). 422 lists every problem with its line and column.',
    params: z.object({ id: z.string() }),
    query: z.object({ effectiveFrom: z.string().describe('YYYY-MM').optional() }),
    body: [
      { contentType: 'application/yaml', description: 'The plan file as YAML text' },
      { contentType: 'application/json', schema: planJsonBodySchema, description: 'The plan file as JSON' },
    ],
    responses: {
      200: planPutResultSchema,
      201: planPutResultSchema,
      422: { description: 'Not a valid plan: { ok: false, errors: [{ line, column, path, message }] }' },
    },
  })
  async put(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query('effectiveFrom') effectiveFrom: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const text = readPlanText(body);
    if (!text.ok) {
      const [first] = text.errors;
      throw new HttpException(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: `The plan is not valid YAML (line ${first.line}, column ${first.column}): ${first.message}`,
          errors: text.errors,
        },
        400,
      );
    }
    const result = validatePlan(text.document);
    if (!result.ok) {
      const located = result.errors.map((error) => ({ ...error, ...(text.locate(error.path) ?? {}) }));
      throw unprocessable(`Invalid plan: ${result.errors.length} problem(s); nothing was stored.`, located);
    }
    if (result.plan.id !== id)
      throw unprocessable(`The plan's id '${result.plan.id}' does not match the URL's '${id}'.`, [
        { path: 'id', message: `must be '${id}'` },
      ]);
    if (effectiveFrom !== undefined && !parseMonth(effectiveFrom).ok) {
      throw unprocessable('effectiveFrom must be a month as YYYY-MM.', [{ path: 'effectiveFrom', message: 'must be a month as YYYY-MM' }]);
    }
    const outcome = await this.putPlan.run(result.plan, authorOf(request), principalOf(request), effectiveFrom);
    response.status(outcome.changed ? 201 : 200);
    return outcome;
  }

  /**
   * Checks a plan file (YAML text or JSON) as PUT would, storing nothing: 200 `{ ok: true, plan: { id, name, goals } }`
   * or 422 `{ ok: false, errors: [{ line, column, path, message }] }`.
   */
  @Post('validate')
  @HttpCode(200)
  @Roles('admin')
  @ApiDoc({
    summary: 'Check a plan file without storing it',
    body: [
      { contentType: 'application/yaml', description: 'The plan file as YAML text' },
      { contentType: 'application/json', schema: planJsonBodySchema, description: 'The plan file as JSON' },
    ],
    responses: {
      200: planValidationOkSchema,
      422: { description: 'Not a valid plan: { ok: false, errors: [{ line, column, path, message }] }' },
    },
  })
  validate(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const outcome = this.validator.run(body, principalOf(request));
    if (!outcome.ok) response.status(422);
    return outcome;
  }

  /** The plan file format as JSON Schema, for editors and CI checks of plan repositories (cross-checks run on PUT). */
  @Get('schema')
  @Roles(...READERS)
  @ApiDoc({ summary: 'The plan file format as JSON Schema', responses: { 200: planJsonSchemaSchema } })
  schema() {
    return z.toJSONSchema(planSchema, { unrepresentable: 'any', io: 'input' });
  }

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'Plans in scope', responses: { 200: z.array(planSummarySchema) } })
  list(@Req() request: Request) {
    return this.listPlans.run(principalOf(request));
  }

  /** The current (or a given) version; `Accept: application/yaml` exports the plan file itself. */
  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'One plan (current or a given version)',
    description: '`Accept: application/yaml` exports the plan file itself as YAML.',
    params: z.object({ id: z.string() }),
    query: z.object({ version: z.string().describe('a positive integer').optional() }),
    responses: { 200: planViewSchema, 404: { description: 'No such plan or version in scope' } },
  })
  async get(
    @Param('id') id: string,
    @Query('version') version: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const wanted = version === undefined ? undefined : Number(version);
    if (wanted !== undefined && (!Number.isInteger(wanted) || wanted < 1))
      throw unprocessable('version must be a positive integer.', [{ path: 'version', message: 'must be a positive integer' }]);
    const plan = await this.getPlan.run(id, principalOf(request), wanted);
    if (accept?.includes('yaml')) {
      response.type('application/yaml');
      return stringify(plan.document);
    }
    return plan;
  }

  /** `[ { version, effectiveFrom, author, createdAt } ]`, oldest first. */
  @Get(':id/versions')
  @Roles(...READERS)
  @ApiDoc({
    summary: "A plan's versions, oldest first",
    params: z.object({ id: z.string() }),
    responses: { 200: z.array(planVersionListingSchema) },
  })
  listVersions(@Param('id') id: string, @Req() request: Request) {
    return this.versions.run(id, principalOf(request));
  }

  @Get(':id/versions/:version')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'One version of a plan',
    params: z.object({ id: z.string(), version: z.string().describe('a positive integer') }),
    responses: { 200: planViewSchema, 404: { description: 'No such plan or version in scope' } },
  })
  version(@Param('id') id: string, @Param('version', ParseIntPipe) version: number, @Req() request: Request) {
    return this.getPlan.run(id, principalOf(request), version);
  }
}

function unprocessable(message: string, errors: { path: string; message: string; line?: number; column?: number }[]): HttpException {
  return new HttpException({ statusCode: 422, error: 'Unprocessable Entity', message, errors }, 422);
}
