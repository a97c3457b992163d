import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { FoundFlag } from '../quality/quality-checker';

export type ImportPolicy = 'all-or-nothing' | 'accept-valid';
export type ImportStatus = 'accepted' | 'rejected' | 'failed';

export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ImportCounts {
  total: number;
  rejected: number;
  created: number;
  revised: number;
  unchanged: number;
  flagged: number;
}

export interface ImportMeta {
  encoding?: string;
  delimiter?: string;
  /** The uploaded file's name, when the upload gave one. */
  filename?: string;
}

export interface ImportListFilter {
  municipality?: string;
  /** The principal's scope (`null`: all); a scoped principal also sees the imports it made itself. */
  municipalities: string[] | null;
  author?: string;
  limit: number;
  /** Imports created before this instant (the page after the last one shown). */
  before?: Date;
}

export interface ImportListing {
  id: string;
  createdAt: string;
  author: string;
  filename: string | null;
  source: string;
  policy: ImportPolicy;
  status: ImportStatus | 'running';
  accepted: number;
  rejected: number;
  municipalities: string[];
}

const storedMessage = z.looseObject({ da: z.string(), en: z.string() });
/** An import record as stored, its JSON columns (rejected lines, flags) checked as they are read back; other columns pass as they are. */
const importRecordRow = z.looseObject({
  status: z.enum(['running', 'accepted', 'rejected', 'failed']),
  author: z.string(),
  municipalities: z.array(z.string()),
  errors: z.array(z.looseObject({ line: z.number(), field: z.string(), reason: z.string() })),
  flags: z.array(
    z.looseObject({
      flagId: z.string().nullable(),
      new: z.boolean(),
      check: z.string(),
      source: z.string(),
      series: z.string(),
      municipality: z.string(),
      period: z.string(),
      value: z.number().nullable(),
      details: z.record(z.string(), z.unknown()),
      message: storedMessage,
    }),
  ),
});
export type ImportRecord = z.infer<typeof importRecordRow>;

/** The columns `finish` sets, by name (jsonb ones as JSON text). */
interface FinishedColumns {
  status: ImportStatus;
  rows_total: number;
  rows_rejected: number;
  rows_created: number;
  rows_revised: number;
  rows_unchanged: number;
  rows_flagged: number;
  errors: string;
  flags: string;
  encoding: string | null;
  delimiter: string | null;
  message: string | null;
  filename: string | null;
  municipalities: string[];
}

/** The audit records of imports (CSV upload or Jobindsats pull): who, when, policy, counts, the rejected lines and the flagged figures. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(
    id: string,
    request: { source: string; author: string; policy: ImportPolicy },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(`INSERT INTO imports (id, source, author, policy, status) VALUES ($1, $2, $3, $4, 'running')`, [
      id,
      request.source,
      request.author,
      request.policy,
    ]);
  }

  /**
   * `flags`: what the import's checks found (new flags and those already open), each with its figure, what was compared and why.
   * `municipalities`: those of the rows the import read (in scope), for the scoped list.
   */
  async finish(
    id: string,
    outcome: {
      status: ImportStatus;
      counts: ImportCounts;
      errors: RowProblem[];
      meta: ImportMeta;
      flags: readonly FoundFlag[];
      message?: string;
      municipalities?: readonly string[];
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const { status, counts, meta } = outcome;
    const listed = outcome.flags.map(
      ({ flagId, new: isNew, check, source, series, municipality, period, value, details, message: text }) => ({
        flagId,
        new: isNew,
        check,
        source,
        series,
        municipality,
        period,
        value,
        details,
        message: text,
      }),
    );
    const columns: FinishedColumns = {
      status,
      rows_total: counts.total,
      rows_rejected: counts.rejected,
      rows_created: counts.created,
      rows_revised: counts.revised,
      rows_unchanged: counts.unchanged,
      rows_flagged: counts.flagged,
      errors: JSON.stringify(outcome.errors),
      flags: JSON.stringify(listed),
      encoding: meta.encoding ?? null,
      delimiter: meta.delimiter ?? null,
      message: outcome.message ?? null,
      filename: meta.filename ?? null,
      municipalities: [...new Set(outcome.municipalities ?? [])].sort(),
    };
    const names = Object.keys(columns) as (keyof FinishedColumns)[];
    await manager.query(
      `UPDATE imports SET ${names.map((name, index) => `${name} = $${index + 2}`).join(', ')}, finished_at = now() WHERE id = $1`,
      [id, ...names.map((name) => columns[name])],
    );
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ImportRecord | undefined> {
    const [row] = await manager.query(
      `SELECT id, source, author, policy, status, encoding, delimiter, message, errors, flags, created_at AS "createdAt", finished_at AS "finishedAt",
              filename, municipalities,
              json_build_object('total', rows_total, 'rejected', rows_rejected, 'created', rows_created, 'revised', rows_revised,
                                'unchanged', rows_unchanged, 'flagged', rows_flagged) AS rows
         FROM imports WHERE id = $1`,
      [id],
    );
    return row ? importRecordRow.parse(row) : undefined;
  }

  /** The imports list, newest first, under a municipality filter and the caller's scope. */
  list(filter: ImportListFilter, manager: EntityManager = this.dataSource.manager): Promise<ImportListing[]> {
    return manager.query(
      `SELECT id, created_at AS "createdAt", author, filename, source, policy, status,
              CASE WHEN status = 'accepted' THEN rows_total - rows_rejected ELSE 0 END AS accepted, rows_rejected AS rejected, municipalities
         FROM imports
        WHERE ($1::text IS NULL OR $1 = ANY(municipalities))
          AND ($2::text[] IS NULL OR (cardinality(municipalities) > 0 AND municipalities <@ $2) OR author = $3)
          AND ($4::timestamptz IS NULL OR created_at < $4)
        ORDER BY created_at DESC, id LIMIT $5`,
      [filter.municipality ?? null, filter.municipalities, filter.author ?? null, filter.before ?? null, filter.limit],
    );
  }
}
