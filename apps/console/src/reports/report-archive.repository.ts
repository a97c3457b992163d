import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

export interface ArchivedReport {
  pdf: Buffer;
  html: string;
  pages: number;
  renderMs: number;
  createdAt: Date;
}

const archiveRow = z.object({
  pdf: z.instanceof(Buffer),
  html: z.string(),
  pages: z.number().int(),
  render_ms: z.number().int(),
  created_at: z.date(),
});

/** The approved report as it was sent, per language: the archive is never re-rendered. */
@Injectable()
export class ReportArchiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  async store(reportId: string, lang: 'da' | 'en', rendered: Omit<ArchivedReport, 'createdAt'>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO console.report_archive (report_id, lang, pdf, html, pages, render_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id, lang) DO NOTHING`,
      [reportId, lang, rendered.pdf, rendered.html, rendered.pages, rendered.renderMs],
    );
  }

  async find(reportId: string, lang: 'da' | 'en'): Promise<ArchivedReport | null> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT pdf, html, pages, render_ms, created_at FROM console.report_archive WHERE report_id = $1 AND lang = $2`,
      [reportId, lang],
    );
    if (rows.length === 0) return null;
    const row = archiveRow.parse(rows[0]);
    return { pdf: row.pdf, html: row.html, pages: row.pages, renderMs: row.render_ms, createdAt: row.created_at };
  }
}
