import { DataSource } from 'typeorm';
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

/** The audit record of an import (CSV upload or Jobindsats pull): who, when, policy, counts, the rejected lines and the flagged figures. */
export class ImportRecords {
  constructor(private readonly dataSource: DataSource) {}

  async open(id: string, request: { source: string; author: string; policy: ImportPolicy }): Promise<void> {
    await this.dataSource.query(`INSERT INTO imports (id, source, author, policy, status) VALUES ($1, $2, $3, $4, 'running')`, [id, request.source, request.author, request.policy]);
  }

  /** `flags`: what the import's checks found (new flags and those already open), each with its figure, what was compared and why. */
  /** `municipalities`: those of the rows the import read (in scope), for the scoped list. */
  async finish(id: string, status: ImportStatus, counts: ImportCounts, errors: RowProblem[], meta: ImportMeta, flags: readonly FoundFlag[], message?: string, municipalities: readonly string[] = []): Promise<void> {
    const listed = flags.map(({ flagId, new: isNew, check, source, series, municipality, period, value, details, message: text }) => ({ flagId, new: isNew, check, source, series, municipality, period, value, details, message: text }));
    await this.dataSource.query(
      `UPDATE imports SET status = $2, rows_total = $3, rows_rejected = $4, rows_created = $5, rows_revised = $6, rows_unchanged = $7,
              errors = $8, encoding = $9, delimiter = $10, message = $11, rows_flagged = $12, flags = $13, finished_at = now(),
              filename = $14, municipalities = $15 WHERE id = $1`,
      [id, status, counts.total, counts.rejected, counts.created, counts.revised, counts.unchanged, JSON.stringify(errors), meta.encoding ?? null, meta.delimiter ?? null, message ?? null, counts.flagged, JSON.stringify(listed),
       meta.filename ?? null, [...new Set(municipalities)].sort()],
    );
  }

  async get(id: string) {
    const [row] = await this.dataSource.query(
      `SELECT id, source, author, policy, status, encoding, delimiter, message, errors, flags, created_at AS "createdAt", finished_at AS "finishedAt",
              filename, municipalities,
              json_build_object('total', rows_total, 'rejected', rows_rejected, 'created', rows_created, 'revised', rows_revised,
                                'unchanged', rows_unchanged, 'flagged', rows_flagged) AS rows
         FROM imports WHERE id = $1`,
      [id],
    );
    return row;
  }
}

/** The imports list, newest first, under a municipality filter and the caller's scope. */
export async function listImports(dataSource: DataSource, filter: ImportListFilter): Promise<ImportListing[]> {
  return dataSource.query(
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
