import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const details = z.record(z.string(), z.unknown());
const auditRow = z.object({
  id: z.coerce.number(),
  at: z.date(),
  actor_id: z.string().nullable(),
  actor_email: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  municipality: z.string().nullable(),
  details,
});

export interface AuditEntry {
  actorId: string | null;
  actorEmail: string;
  /** e.g. `user.created`, `episode.acknowledged`, `sign-in.succeeded`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  municipality?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: Date;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  municipality?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** Who did what, when, to what: every state change made through the console, and every sign-in. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO console.audit_log (actor_id, actor_email, action, target_type, target_id, municipality, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorId,
        entry.actorEmail,
        entry.action,
        entry.targetType,
        entry.targetId ?? null,
        entry.municipality ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  async search(filter: AuditFilter): Promise<AuditRecord[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT id, at, actor_id, actor_email, action, target_type, target_id, municipality, details FROM console.audit_log
        WHERE ($1::text IS NULL OR lower(actor_email) LIKE '%' || lower($1) || '%')
          AND ($2::text IS NULL OR action LIKE $2 || '%')
          AND ($3::text IS NULL OR target_type = $3)
          AND ($4::text IS NULL OR municipality = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
          AND ($6::timestamptz IS NULL OR at < $6)
        ORDER BY at DESC, id DESC LIMIT $7`,
      [
        filter.actor ?? null,
        filter.action ?? null,
        filter.targetType ?? null,
        filter.municipality ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.limit,
      ],
    );
    return rows.map((raw) => {
      const row = auditRow.parse(raw);
      return {
        id: row.id,
        at: row.at,
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        municipality: row.municipality,
        details: row.details,
      };
    });
  }
}
