import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { SourcedFlag } from '@pejling/domain-figures';

export interface QualityFlagFilter {
  municipality?: string;
  series?: string;
  check?: string;
  status: 'open' | 'resolved' | 'all';
  batchId?: string;
  /** The principal's scope: `null` is every municipality. */
  municipalities: string[] | null;
}

/** A stored flag, its JSON columns (what the check saw, the message per language) checked as they are read back. */
const storedFlagRow = z.looseObject({
  details: z.record(z.string(), z.unknown()),
  message: z.looseObject({ da: z.string(), en: z.string() }),
});

export interface QualityFlagList {
  counts: { check: string; count: number }[];
  flags: z.infer<typeof storedFlagRow>[];
}

/** An open flag's id and target (check and figure). */
export interface OpenFlag {
  id: string;
  check_kind: string;
  source: string;
  series: string;
  municipality: string;
  period: string;
}

/** The soft data-quality flags: every statement on `quality_flags`. */
@Injectable()
export class QualityFlagsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the flags whose target has no open flag yet; returns the ids of those inserted. */
  async insertNew(manager: EntityManager, flags: readonly (SourcedFlag & { id: string })[], batchId: string): Promise<string[]> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO quality_flags (id, check_kind, source, series, municipality, period, value, details, message, batch_id)
       SELECT f.*, $10::uuid FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::jsonb[], $9::jsonb[]) AS f
       ON CONFLICT (check_kind, source, series, municipality, period) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id`,
      [
        flags.map((flag) => flag.id),
        flags.map((flag) => flag.check),
        flags.map((flag) => flag.source),
        flags.map((flag) => flag.series),
        flags.map((flag) => flag.municipality),
        flags.map((flag) => flag.period),
        flags.map((flag) => flag.value),
        flags.map((flag) => JSON.stringify(flag.details)),
        flags.map((flag) => JSON.stringify(flag.message)),
        batchId,
      ],
    );
    return inserted.map((row) => row.id);
  }

  /** The open flags of these municipalities. */
  openIn(manager: EntityManager, municipalities: readonly string[]): Promise<OpenFlag[]> {
    return manager.query(
      `SELECT id, check_kind, source, series, municipality, period FROM quality_flags WHERE resolved_at IS NULL AND municipality = ANY($1::bpchar[])`,
      [municipalities],
    );
  }

  async resolve(manager: EntityManager, ids: readonly string[], batchId: string): Promise<void> {
    await manager.query(`UPDATE quality_flags SET resolved_at = now(), resolved_by_batch = $2::uuid WHERE id = ANY($1::uuid[])`, [
      ids,
      batchId,
    ]);
  }

  /** Soft data-quality flags with counts per check, under the filters and scope. */
  async list(filter: QualityFlagFilter, limit: number, manager: EntityManager = this.dataSource.manager): Promise<QualityFlagList> {
    const params = [
      filter.municipality ?? null,
      filter.series ?? null,
      filter.check ?? null,
      filter.status,
      filter.batchId ?? null,
      filter.municipalities,
    ];
    const where = `($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR series = $2) AND ($3::text IS NULL OR check_kind = $3)
      AND ($4 = 'all' OR ($4 = 'open') = (resolved_at IS NULL)) AND ($5::uuid IS NULL OR batch_id = $5::uuid)
      AND ($6::text[] IS NULL OR municipality = ANY($6))`;
    const rows: unknown[] = await manager.query(
      `SELECT id, check_kind AS "check", source, series, municipality, period, value, details, message, batch_id AS "batchId",
              created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by_batch AS "resolvedByBatch"
         FROM quality_flags WHERE ${where} ORDER BY created_at DESC, id LIMIT $7`,
      [...params, limit],
    );
    const counts = await manager.query(
      `SELECT check_kind AS "check", count(*)::int AS count FROM quality_flags WHERE ${where} GROUP BY check_kind ORDER BY check_kind`,
      params,
    );
    return { counts, flags: rows.map((row) => storedFlagRow.parse(row)) };
  }
}
