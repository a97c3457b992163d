import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FigureInput, mapCsvRow, mapHeader, parsePeriod, validateFigure } from '@pejling/domain';
import { appendToOutbox, OutboxRelay, SERVICE_ENV, ServiceEnv } from '@pejling/platform';
import { lockFiguresForImport, storeFigures } from '../figures/figure-store';
import { checkQuality } from '../quality/quality-checker';
import { openCsv, UnreadableFile } from './csv-stream';

export type ImportPolicy = 'all-or-nothing' | 'accept-valid';

export interface ImportRequest {
  source: string;
  author: string;
  policy: ImportPolicy;
  unit?: string;
}

export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/** Rows are stored this many at a time: a fixed number of statements per chunk, never per row. */
const CHUNK_ROWS = 5000;
/** Errors kept on the import record (the counts cover them all). */
const MAX_KEPT_ERRORS = 1000;

class RejectedImport extends Error {}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  /**
   * Streams a CSV upload into figures. All-or-nothing (default): one invalid row rejects the whole
   * file and nothing is stored or published. Accept-valid: valid rows are stored, invalid ones listed.
   * Either way the import is recorded with its counts and the bad rows' lines.
   */
  async run(body: AsyncIterable<Buffer>, request: ImportRequest) {
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO imports (id, source, author, policy, status) VALUES ($1, $2, $3, $4, 'running')`, [
      id,
      request.source,
      request.author,
      request.policy,
    ]);
    const counts = { total: 0, rejected: 0, created: 0, revised: 0, unchanged: 0, flagged: 0 };
    const errors: RowProblem[] = [];
    let meta: { encoding?: string; delimiter?: string } = {};
    let status: 'accepted' | 'rejected' | 'failed' = 'accepted';
    let message: string | undefined;
    try {
      const csv = await openCsv(body);
      meta = { encoding: csv.encoding, delimiter: csv.delimiter };
      await this.dataSource.transaction(async (manager) => {
        await lockFiguresForImport(manager);
        let columns: ReturnType<typeof mapHeader> | undefined;
        const seen = new Map<string, number>();
        let chunk: FigureInput[] = [];
        const flush = async () => {
          if (chunk.length === 0) return;
          if (request.policy === 'accept-valid' || counts.rejected === 0) {
            const stored = await storeFigures(manager, chunk, id);
            const quality = await checkQuality(manager, stored.changes, id);
            await appendToOutbox(manager, [...stored.events, ...quality.events], this.env.KAFKA_TOPIC_PREFIX);
            counts.flagged += quality.flagged;
            counts.created += stored.created;
            counts.revised += stored.revised;
            counts.unchanged += stored.unchanged;
          }
          chunk = [];
        };
        const reject = (line: number, field: string, reason: string) => {
          counts.rejected += 1;
          if (errors.length < MAX_KEPT_ERRORS) errors.push({ line, field, reason });
        };
        for await (const { record, info } of csv.records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          if (!columns) {
            columns = mapHeader(record);
            if (!columns.ok) throw new UnreadableFile(`line 1: ${columns.reason}`);
            continue;
          }
          if (!columns.ok) continue;
          counts.total += 1;
          const mapped = mapCsvRow(record, columns.columns, { source: request.source, unit: request.unit });
          if (!mapped.ok) {
            mapped.errors.forEach((error) => reject(info.lines, error.field, error.reason));
            continue;
          }
          const problems = validateFigure(mapped.figure, new Date());
          if (problems.length > 0) {
            problems.forEach((problem) => reject(info.lines, problem.field, problem.reason));
            continue;
          }
          const period = parsePeriod(mapped.figure.period);
          const figure = { ...mapped.figure, period: period.ok ? period.period : mapped.figure.period };
          const key = `${figure.source}|${figure.series}|${figure.municipality}|${figure.period}`;
          const first = seen.get(key);
          if (first !== undefined) {
            reject(info.lines, 'period', `duplicates line ${first} (same source, series, municipality and period)`);
            continue;
          }
          seen.set(key, info.lines);
          chunk.push(figure);
          if (chunk.length >= CHUNK_ROWS) await flush();
        }
        if (!columns) throw new UnreadableFile('the file has no header row');
        await flush();
        if (request.policy === 'all-or-nothing' && counts.rejected > 0) throw new RejectedImport();
      });
      if (counts.created + counts.revised > 0) this.relay.wake();
    } catch (error) {
      if (error instanceof RejectedImport) {
        status = 'rejected';
        message = `Import rejected: ${counts.rejected} problem(s) in ${counts.total} rows; nothing was stored.`;
        Object.assign(counts, { created: 0, revised: 0, unchanged: 0, flagged: 0 });
      } else if (error instanceof UnreadableFile || isCsvError(error)) {
        status = 'failed';
        message = `The file cannot be read: ${(error as Error).message}`;
        Object.assign(counts, { created: 0, revised: 0, unchanged: 0, flagged: 0 });
      } else {
        await this.finish(id, 'failed', counts, errors, meta, 'internal error');
        throw error;
      }
    }
    await this.finish(id, status, counts, errors, meta, message);
    this.logger.log({ importId: id, status, ...counts }, 'import finished');
    return this.get(id);
  }

  async get(id: string) {
    const [row] = await this.dataSource.query(
      `SELECT id, source, author, policy, status, encoding, delimiter, message, errors, created_at AS "createdAt", finished_at AS "finishedAt",
              json_build_object('total', rows_total, 'rejected', rows_rejected, 'created', rows_created, 'revised', rows_revised, 'unchanged', rows_unchanged, 'flagged', rows_flagged) AS rows
         FROM imports WHERE id::text = $1`,
      [id],
    );
    return row;
  }

  private async finish(id: string, status: string, counts: Record<string, number>, errors: RowProblem[], meta: { encoding?: string; delimiter?: string }, message?: string) {
    await this.dataSource.query(
      `UPDATE imports SET status = $2, rows_total = $3, rows_rejected = $4, rows_created = $5, rows_revised = $6, rows_unchanged = $7,
              errors = $8, encoding = $9, delimiter = $10, message = $11, rows_flagged = $12, finished_at = now() WHERE id = $1`,
      [id, status, counts.total, counts.rejected, counts.created, counts.revised, counts.unchanged, JSON.stringify(errors), meta.encoding ?? null, meta.delimiter ?? null, message ?? null, counts.flagged],
    );
  }
}

function isCsvError(error: unknown): boolean {
  return typeof (error as { code?: string })?.code === 'string' && (error as { code: string }).code.startsWith('CSV_');
}
