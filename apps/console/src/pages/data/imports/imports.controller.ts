import { BadRequestException, Controller, Get, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { formatBytes, municipalityChoices, seriesLabel } from '../data-choices';
import { DATA_TEXTS } from '../data.texts';
import { MAX_UPLOAD_BYTES, UploadTooLarge } from './forward-upload';
import { GetImport } from './get-import.use-case';
import { ListImports } from './list-imports.use-case';
import { UploadImport } from './upload-import.use-case';

/** The raw file arrives as the request body; form and JSON bodies would have been consumed by the body parsers. */
const FILE_TYPES = [
  'text/csv',
  'application/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/octet-stream',
  'application/vnd.ms-excel',
];

const uploadQuery = (texts: (typeof DATA_TEXTS)['da']) =>
  z.object({
    policy: z
      .enum(['all-or-nothing', 'accept-valid'], { error: `${texts.upload.policy}: all-or-nothing | accept-valid` })
      .default('all-or-nothing'),
    source: z
      .string({ error: `${texts.upload.source}: 1–60` })
      .trim()
      .min(1, `${texts.upload.source}: 1–60`)
      .max(60, `${texts.upload.source}: 1–60`)
      .regex(/^[\p{L}\p{N} ._-]+$/u, `${texts.upload.source}: a–z, 0–9, . _ -`)
      .default('jobindsats'),
    area: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^\d{3}$/, `${texts.upload.area}: 3 digits`)
        .optional(),
    ),
    filename: z.string().max(255).optional(),
  });

const beforeQuery = z.string().datetime({ offset: true }).optional().catch(undefined);

/** Page 4, Data: the upload (`/data`), the imports' audit list and each import's record. */
@Controller('data')
export class DataImportsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly upload: UploadImport,
    private readonly listImports: ListImports,
    private readonly getImport: GetImport,
  ) {}

  @Get()
  show(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const lang = languageOf(request);
    const viewer = signedIn(request);
    const texts = DATA_TEXTS[lang];
    const scoped = !viewer.municipalities.includes('*');
    this.pages.send(
      request,
      response,
      'pages/data/imports/upload',
      {
        texts,
        tab: 'upload',
        areas: municipalityChoices(viewer, lang, { country: true }),
        limit: formatBytes(MAX_UPLOAD_BYTES, lang),
        maxBytes: MAX_UPLOAD_BYTES,
        scopeNames: scoped
          ? viewer.municipalities
              .map((code) => municipalityChoices(viewer, lang, { country: false }).find((m) => m.value === code)?.label ?? code)
              .join(', ')
          : '',
      },
      { title: texts.upload.title, nav: 'data' },
    );
  }

  /** The file as the raw body (the page's script sends it with upload progress); answers the result as a fragment. */
  @Post('imports')
  @RequireRole('operator')
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = languageOf(request);
    const texts = DATA_TEXTS[lang];
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!FILE_TYPES.includes(type)) throw new HttpException(`${texts.upload.file}: ${texts.upload.notCsv}`, 415);
    const parsed = uploadQuery(texts).safeParse(query);
    if (!parsed.success) throw new BadRequestException(parsed.error.issues.map((issue) => issue.message).join('; '));
    let record;
    try {
      record = await this.upload.execute(signedIn(request), request, parsed.data);
    } catch (error) {
      if (error instanceof UploadTooLarge)
        throw new HttpException(`${texts.upload.file}: ${texts.upload.tooLarge(formatBytes(MAX_UPLOAD_BYTES, lang))}`, 413);
      throw error;
    }
    const status = record.status === 'accepted' ? 201 : record.status === 'rejected' ? 422 : 400;
    this.pages.send(
      request,
      response,
      'pages/data/imports/import-result',
      { texts, record, seriesLabel: (id: string) => seriesLabel(id, lang), heading: 2, focus: true },
      { status, title: texts.result.title },
    );
  }

  @Get('imports')
  async list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('before') before?: string): Promise<void> {
    const texts = DATA_TEXTS[languageOf(request)];
    const page = await this.listImports.execute(signedIn(request), beforeQuery.parse(before));
    this.pages.send(
      request,
      response,
      'pages/data/imports/imports',
      { texts, tab: 'imports', ...page },
      { title: texts.imports.title, nav: 'data' },
    );
  }

  @Get('imports/:id')
  async detail(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const lang = languageOf(request);
    const texts = DATA_TEXTS[lang];
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpException('not found', 404);
    const record = await this.getImport.execute(signedIn(request), id);
    const title = `${texts.result.title}: ${record.filename || record.source}`;
    this.pages.send(
      request,
      response,
      'pages/data/imports/import-detail',
      { texts, tab: 'imports', record, seriesLabel: (code: string) => seriesLabel(code, lang), heading: 2, focus: false },
      { title, nav: 'data' },
    );
  }
}
