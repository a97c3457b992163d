import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const sendRow = z.object({
  id: z.string(),
  report_id: z.string(),
  recipient_name: z.string(),
  recipient_email: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  message_id: z.string(),
  last_error: z.string().nullable(),
  sent_at: z.date().nullable(),
});

export interface ReportSend {
  id: string;
  reportId: string;
  recipient: { name: string; email: string };
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** The same Message-ID on every attempt, so a repeat after a crash is recognisable as one mail. */
  messageId: string;
  lastError: string | null;
  sentAt: Date | null;
}

const COLUMNS = 'id, report_id, recipient_name, recipient_email, status, attempts, message_id, last_error, sent_at';

function toSend(raw: unknown): ReportSend {
  const row = sendRow.parse(raw);
  return {
    id: row.id,
    reportId: row.report_id,
    recipient: { name: row.recipient_name, email: row.recipient_email },
    status: row.status,
    attempts: row.attempts,
    messageId: row.message_id,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}

/** One email of an approved report to one committee recipient. */
@Injectable()
export class ReportSendsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createAll(
    reportId: string,
    recipients: readonly { name: string; email: string }[],
    messageDomain: string,
    manager: EntityManager,
  ): Promise<ReportSend[]> {
    const created: ReportSend[] = [];
    for (const recipient of recipients) {
      const rows: unknown[] = await manager.query(
        `INSERT INTO console.report_sends (report_id, recipient_name, recipient_email, message_id)
         VALUES ($1::uuid, $2, $3::text, '<report-' || $1::text || '-' || md5(lower($3::text)) || '@' || $4::text || '>')
         ON CONFLICT (report_id, recipient_email) DO NOTHING RETURNING ${COLUMNS}`,
        [reportId, recipient.name, recipient.email, messageDomain],
      );
      created.push(...rows.map(toSend));
    }
    return created;
  }

  async find(id: string): Promise<ReportSend | null> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM console.report_sends WHERE id = $1`, [id]);
    return rows.length > 0 ? toSend(rows[0]) : null;
  }

  async forReport(reportId: string): Promise<ReportSend[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM console.report_sends WHERE report_id = $1 ORDER BY recipient_email`,
      [reportId],
    );
    return rows.map(toSend);
  }

  /** Sends still owed (after a restart, their jobs are queued again). */
  async pending(): Promise<ReportSend[]> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM console.report_sends WHERE status = 'pending' ORDER BY id`);
    return rows.map(toSend);
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE console.report_sends SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markFailedAttempt(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE console.report_sends SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`,
      [id, error.slice(0, 2000), final],
    );
  }
}
