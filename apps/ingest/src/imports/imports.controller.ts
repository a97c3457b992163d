import { z } from 'zod';
import { BadRequestException, Controller, Get, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { resolveArea, resolveMunicipality } from '@pejling/domain-figures';
import { authorOf, OPERATORS, principalOf, READERS, Roles, scopeFilter, UuidParam, ApiDoc } from '@pejling/platform';
import { GetImport } from './get-import';
import { ListImports } from './list-imports';
import { ImportCsv } from './import-csv.use-case';
import { ImportPolicy } from './imports.repository';
import { multipartFile } from './multipart-file';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/** CSV uploads as analysts export them, streamed; `GET /v1/imports/:id` is the audit record. */
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly importCsv: ImportCsv,
    private readonly listImports: ListImports,
    private readonly getImport: GetImport,
  ) {}

  @Post()
  @Roles('integrator', ...OPERATORS)
  @ApiDoc({
    summary: 'Import a CSV file (streamed)',
    query: z.object({
      source: z.string(),
      policy: z.enum(['all-or-nothing', 'accept-valid']).optional(),
      unit: z.string().optional(),
      municipality: z.string().optional(),
      area: z.string().optional(),
      filename: z.string().optional(),
    }),
    body: [
      { contentType: 'text/csv', description: 'The file' },
      { contentType: 'multipart/form-data', description: 'The file as a file field' },
    ],
    responses: { 201: z.record(z.string(), z.unknown()).describe('The import record'), 415: { description: 'Not CSV or multipart' } },
  })
  async create(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('source') source?: string,
    @Query('policy') policy = 'all-or-nothing',
    @Query('unit') unit?: string,
    @Query('municipality') municipality?: string,
    @Query('area') area?: string,
    @Query('filename') filename?: string,
  ) {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    const multipart = type === 'multipart/form-data';
    if (!CSV_TYPES.includes(type) && !multipart) {
      throw new HttpException(
        {
          statusCode: 415,
          message: `Send the file as text/csv, or as a file field of multipart/form-data (got '${type || 'no content-type'}').`,
        },
        415,
      );
    }
    if (!source?.trim()) throw new BadRequestException('source is required (e.g. ?source=jobindsats)');
    if (policy !== 'all-or-nothing' && policy !== 'accept-valid')
      throw new BadRequestException("policy must be 'all-or-nothing' or 'accept-valid'");
    if (municipality !== undefined && !resolveMunicipality(municipality))
      throw new BadRequestException(`municipality '${municipality}' is neither a municipality code nor a municipality name`);
    if (area !== undefined && !resolveArea(area))
      throw new BadRequestException(`area '${area}' is neither a municipality code or name nor the whole country ('Hele landet')`);
    if (area !== undefined && municipality !== undefined) throw new BadRequestException('give either municipality or area, not both');
    const result = await this.importCsv.run(multipart ? () => multipartFile(request) : async () => ({ stream: request }), {
      source: source.trim(),
      author: authorOf(request),
      policy: policy as ImportPolicy,
      unit,
      municipality: municipality ?? area,
      scope: scopeFilter(principalOf(request)),
      filename,
    });
    response.status(result.status === 'accepted' ? 201 : result.status === 'rejected' ? 422 : 400);
    return result;
  }

  /** `?municipality=&limit=(1–500, default 50)&before=<ISO time>`: newest first; `before` pages on. */
  @Get()
  @Roles(...READERS)
  @ApiDoc({
    summary: 'Imports, newest first',
    query: z.object({
      municipality: z
        .string()
        .regex(/^\d{3}$/)
        .optional(),
      limit: z.string().optional(),
      before: z.string().optional(),
    }),
    responses: { 200: z.array(z.record(z.string(), z.unknown())) },
  })
  list(
    @Req() request: Request,
    @Query('municipality') municipality?: string,
    @Query('limit') limit = '50',
    @Query('before') before?: string,
  ) {
    if (municipality !== undefined && !/^\d{3}$/.test(municipality))
      throw new BadRequestException(`municipality must be a 3-digit municipality code (got '${municipality.slice(0, 60)}')`);
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 500) throw new BadRequestException('limit must be an integer from 1 to 500');
    if (before !== undefined && Number.isNaN(Date.parse(before)))
      throw new BadRequestException(`before must be an ISO 8601 date-time (got '${before.slice(0, 60)}')`);
    return this.listImports.run(principalOf(request), { municipality, limit: max, before: before ? new Date(before) : undefined });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc({
    summary: 'One import: its audit record with row problems',
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: z.record(z.string(), z.unknown()) },
  })
  get(@Param('id', UuidParam) id: string, @Req() request: Request) {
    return this.getImport.run(id, principalOf(request));
  }
}
