import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const reportRow = z.object({
  id: z.string(),
  plan_id: z.string(),
  municipality: z.string(),
  period_from: z.string(),
  period_to: z.string(),
  status: z.enum(['draft', 'approved']),
  trigger: z.enum(['figures', 'on-demand']),
  created_by: z.string().nullable(),
  created_at: z.date(),
  approved_by: z.string().nullable(),
  approved_at: z.date().nullable(),
});

export interface Report {
  id: string;
  planId: string;
  municipality: string;
  period: { from: string; to: string };
  status: 'draft' | 'approved';
  trigger: 'figures' | 'on-demand';
  createdBy: string | null;
  createdAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface NewReport {
  planId: string;
  municipality: string;
  period: { from: string; to: string };
  trigger: Report['trigger'];
  createdBy: string | null;
}

const COLUMNS = 'id, plan_id, municipality, period_from, period_to, status, trigger, created_by, created_at, approved_by, approved_at';

function toReport(raw: unknown): Report {
  const row = reportRow.parse(raw);
  return {
    id: row.id,
    planId: row.plan_id,
    municipality: row.municipality,
    period: { from: row.period_from, to: row.period_to },
    status: row.status,
    trigger: row.trigger,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
  };
}

/** Committee reports and the analysts' commentary on them. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's report of the period, made now unless it exists (a redelivered event drafts nothing twice). */
  async draft(report: NewReport): Promise<{ report: Report; created: boolean }> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO console.reports (plan_id, municipality, period_from, period_to, trigger, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plan_id, period_from, period_to) DO NOTHING RETURNING ${COLUMNS}`,
      [report.planId, report.municipality, report.period.from, report.period.to, report.trigger, report.createdBy],
    );
    if (inserted.length > 0) return { report: toReport(inserted[0]), created: true };
    const existing: unknown[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM console.reports WHERE plan_id = $1 AND period_from = $2 AND period_to = $3`,
      [report.planId, report.period.from, report.period.to],
    );
    return { report: toReport(existing[0]), created: false };
  }

  async find(id: string): Promise<Report | null> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM console.reports WHERE id = $1`, [id]);
    return rows.length > 0 ? toReport(rows[0]) : null;
  }

  /** Newest period first; `municipalities` ['*'] means all. */
  async list(municipalities: readonly string[], limit: number): Promise<Report[]> {
    const all = municipalities.includes('*');
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM console.reports WHERE ($1::boolean OR municipality = ANY($2)) ORDER BY period_to DESC, plan_id LIMIT $3`,
      [all, [...municipalities], limit],
    );
    return rows.map(toReport);
  }

  /** The previous approved report of the same plan (the one the committee saw last). */
  async previousApproved(report: Report): Promise<Report | null> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM console.reports WHERE plan_id = $1 AND status = 'approved' AND period_to < $2 ORDER BY period_to DESC LIMIT 1`,
      [report.planId, report.period.from],
    );
    return rows.length > 0 ? toReport(rows[0]) : null;
  }

  async commentary(reportId: string): Promise<Record<string, string>> {
    const rows: unknown[] = await this.dataSource.query(`SELECT focus_area, text FROM console.report_commentary WHERE report_id = $1`, [
      reportId,
    ]);
    return Object.fromEntries(
      rows.map((raw) => z.object({ focus_area: z.string(), text: z.string() }).parse(raw)).map((row) => [row.focus_area, row.text]),
    );
  }

  /** Only a draft takes commentary: an approved report is what the committee received. */
  async saveCommentary(reportId: string, texts: Record<string, string>, by: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const draft: unknown[] = await manager.query(`SELECT id FROM console.reports WHERE id = $1 AND status = 'draft' FOR UPDATE`, [
        reportId,
      ]);
      if (draft.length === 0) return false;
      for (const [focusArea, text] of Object.entries(texts)) {
        await manager.query(
          `INSERT INTO console.report_commentary (report_id, focus_area, text, updated_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (report_id, focus_area) DO UPDATE SET text = EXCLUDED.text, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [reportId, focusArea, text, by],
        );
      }
      return true;
    });
  }

  /** Draft → approved, once; false when it was approved already. */
  async approve(reportId: string, by: string, at: Date, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE console.reports SET status = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1 AND status = 'draft' RETURNING id`,
      [reportId, by, at],
    );
    return rows.length > 0;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
