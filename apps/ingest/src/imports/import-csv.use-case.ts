import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@pejling/platform';
import { IngestEnv } from '../ingest.env';
import { randomUUID } from 'node:crypto';
import { CsvRowMapper, mapHeader, PrintedRow, reviewPrintedTable } from '@pejling/domain-figures';
import { CsvStream, openCsv } from './csv-stream';
import { ImportRow, ImportRunner } from './import-runner';
import { ImportPolicy, ImportsRepository } from './imports.repository';
import { UnusableInput } from './unusable-input';
import { SpooledUpload, spoolUpload } from './upload-spool';

export interface CsvImportRequest {
  source: string;
  author: string;
  policy: ImportPolicy;
  unit?: string;
  /** For files without a municipality column (a plan's own table): the municipality of every row. */
  municipality?: string;
  /** The municipalities the caller may import (`null`: all). */
  scope: string[] | null;
  /** The file's name when the upload did not carry one (`?filename=`). */
  filename?: string;
}

export interface CsvUpload {
  stream: AsyncIterable<Buffer>;
  filename?: string;
}

/** CSV uploads as analysts export them: streamed, row by row, into the shared import runner; answers with the import's audit record. */
@Injectable()
export class ImportCsv {
  constructor(
    private readonly runner: ImportRunner,
    private readonly imports: ImportsRepository,
    @Inject(SERVICE_ENV) private readonly env: IngestEnv,
  ) {}

  /**
   * `body` opens the upload's bytes (the raw request, or a multipart file part). The upload is
   * spooled to a file first; only then does the import open its transaction and take the lock.
   */
  async run(body: () => Promise<CsvUpload>, request: CsvImportRequest) {
    const id = randomUUID();
    let upload: CsvUpload | undefined;
    let spooled: SpooledUpload | undefined;
    let unusable: UnusableInput | undefined;
    try {
      upload = await body();
      spooled = await spoolUpload(upload.stream, this.env.IMPORT_MAX_BYTES, this.env.IMPORT_SPOOL_DIR);
    } catch (error) {
      // A form without a file is recorded as a failed import like any unreadable input; anything else (413, a broken connection) is not an import.
      if (!(error instanceof UnusableInput)) throw error;
      unusable = error;
    }
    try {
      await this.importSpooled(id, request, upload, spooled, unusable);
    } finally {
      await spooled?.remove();
    }
    const record = await this.imports.get(id);
    if (!record) throw new Error(`import ${id} has no audit record`); // opened by the runner before anything else
    return record;
  }

  private async importSpooled(
    id: string,
    request: CsvImportRequest,
    upload: CsvUpload | undefined,
    spooled: SpooledUpload | undefined,
    unusable: UnusableInput | undefined,
  ): Promise<void> {
    await this.runner.run({ id, ...request }, async () => {
      if (unusable || !upload || !spooled) throw unusable ?? new UnusableInput('The upload cannot be read');
      const csv = await openCsv(spooled.open());
      // A table with development columns is a printed table (a plan's Bilag): its rows are kept to check its totals and changes.
      const printed: PrintedRow[] = [];
      const filename = (upload.filename ?? request.filename)?.slice(0, 255);
      return {
        meta: { encoding: csv.encoding, delimiter: csv.delimiter, filename },
        rows: csvRows(csv, request, printed),
        review: () => reviewPrintedTable(request.source, printed),
      };
    });
  }
}

/** The data rows of a CSV file as import rows; a bad header or an unreadable file is UnusableInput. */
async function* csvRows(csv: CsvStream, request: CsvImportRequest, printed: PrintedRow[]): AsyncGenerator<ImportRow> {
  let mapper: CsvRowMapper | undefined;
  let dataRows = 0;
  try {
    for await (const { record, info } of csv.records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!mapper) {
        const header = mapHeader(record, { defaultMunicipality: request.municipality !== undefined });
        if (!header.ok) throw new UnusableInput(`The file cannot be read: line 1: ${header.reason}`);
        mapper = new CsvRowMapper(header.layout, { source: request.source, unit: request.unit, municipality: request.municipality });
        continue;
      }
      dataRows += 1;
      const mapped = mapper.map(record);
      if (!mapped.ok) yield { line: info.lines, errors: mapped.errors };
      else {
        if (mapped.printed) printed.push({ ...mapped.printed, line: info.lines });
        for (const figure of mapped.figures) yield { line: info.lines, figure };
      }
    }
  } catch (error) {
    if (isCsvError(error)) throw new UnusableInput(`The file cannot be read: ${(error as Error).message}`);
    throw error;
  }
  if (!mapper) throw new UnusableInput('The file cannot be read: the file has no header row');
  if (dataRows === 0) throw new UnusableInput('The file cannot be read: it has a header but no data rows');
}

function isCsvError(error: unknown): boolean {
  return typeof (error as { code?: string })?.code === 'string' && (error as { code: string }).code.startsWith('CSV_');
}
