import { BadRequestException, Controller, Get, HttpException, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { resolveArea, resolveMunicipality } from '@pejling/domain';
import { Roles, UuidParam, READERS, OPERATORS } from '@pejling/platform';
import { ImportPolicy } from './import-records';
import { ImportsService } from './imports.service';
import { multipartFile } from './multipart-file';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/** CSV uploads as analysts export them, streamed; `GET /v1/imports/:id` is the audit record. */
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Roles('integrator', ...OPERATORS)
  async create(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('source') source?: string,
    @Query('policy') policy = 'all-or-nothing',
    @Query('unit') unit?: string,
    @Query('municipality') municipality?: string,
    @Query('area') area?: string,
  ) {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    const multipart = type === 'multipart/form-data';
    if (!CSV_TYPES.includes(type) && !multipart) {
      throw new HttpException({ statusCode: 415, message: `Send the file as text/csv, or as a file field of multipart/form-data (got '${type || 'no content-type'}').` }, 415);
    }
    if (!source?.trim()) throw new BadRequestException('source is required (e.g. ?source=jobindsats)');
    if (policy !== 'all-or-nothing' && policy !== 'accept-valid') throw new BadRequestException("policy must be 'all-or-nothing' or 'accept-valid'");
    if (municipality !== undefined && !resolveMunicipality(municipality)) throw new BadRequestException(`municipality '${municipality}' is neither a municipality code nor a municipality name`);
    if (area !== undefined && !resolveArea(area)) throw new BadRequestException(`area '${area}' is neither a municipality code or name nor the whole country ('Hele landet')`);
    if (area !== undefined && municipality !== undefined) throw new BadRequestException('give either municipality or area, not both');
    const author = (request as Request & { apiKey?: { name: string } }).apiKey?.name ?? 'unknown';
    const result = await this.imports.run(multipart ? () => multipartFile(request) : async () => request, { source: source.trim(), author, policy: policy as ImportPolicy, unit, municipality: municipality ?? area });
    response.status(result.status === 'accepted' ? 201 : result.status === 'rejected' ? 422 : 400);
    return result;
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Param('id', UuidParam) id: string) {
    const found = await this.imports.get(id);
    if (!found) throw new NotFoundException(`No import with id ${id}.`);
    return found;
  }
}
