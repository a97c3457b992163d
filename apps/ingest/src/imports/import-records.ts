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
}

/** The audit record of an import (CSV upload or Jobindsats pull): who, when, policy, counts, the rejected lines and the flagged figures. */
export class ImportRecords {
  constructor(private readonly dataSource: DataSource) {}

  async open(id: string, request: { source: string; author: string; policy: ImportPolicy }): Promise<void> {
    await this.dataSource.query(`INSERT INTO imports (id, source, author, policy, status) VALUES ($1, $2, $3, $4, 'running')`, [id, request.source, request.author, request.policy]);
  }

  /** `flags`: what the import's checks found (new flags and those already open), each with its figure, what was compared and why. */
  async finish(id: string, status: ImportStatus, counts: ImportCounts, errors: RowProblem[], meta: ImportMeta, flags: readonly FoundFlag[], message?: string): Promise<void> {
    const listed = flags.map(({ flagId, new: isNew, check, source, series, municipality, period, value, details, message: text }) => ({ flagId, new: isNew, check, source, series, municipality, period, value, details, message: text }));
    await this.dataSource.query(
      `UPDATE imports SET status = $2, rows_total = $3, rows_rejected = $4, rows_created = $5, rows_revised = $6, rows_unchanged = $7,
              errors = $8, encoding = $9, delimiter = $10, message = $11, rows_flagged = $12, flags = $13, finished_at = now() WHERE id = $1`,
      [id, status, counts.total, counts.rejected, counts.created, counts.revised, counts.unchanged, JSON.stringify(errors), meta.encoding ?? null, meta.delimiter ?? null, message ?? null, counts.flagged, JSON.stringify(listed)],
    );
  }

  async get(id: string) {
    const [row] = await this.dataSource.query(
      `SELECT id, source, author, policy, status, encoding, delimiter, message, errors, flags, created_at AS "createdAt", finished_at AS "finishedAt",
              json_build_object('total', rows_total, 'rejected', rows_rejected, 'created', rows_created, 'revised', rows_revised,
                                'unchanged', rows_unchanged, 'flagged', rows_flagged) AS rows
         FROM imports WHERE id = $1`,
      [id],
    );
    return row;
  }
}
