import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const moment = z.union([z.date(), z.string()]).transform((value) => new Date(value).toISOString());
const publicNoteRow = z.object({ goalId: z.string().uuid(), note: z.string(), acknowledgedAt: moment });
export type PublicNote = z.infer<typeof publicNoteRow>;

/**
 * Acknowledgement notes their authors marked public, for the transparency page. Only the note,
 * its goal and when: never who wrote it, how (link or API) or who was alerted.
 */
@Injectable()
export class PublicNotesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ofMunicipality(municipality: string, limit: number): Promise<PublicNote[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT goal_id AS "goalId", acknowledgement_note AS note, acknowledged_at AS "acknowledgedAt"
         FROM episodes
        WHERE municipality = $1 AND acknowledgement_public AND acknowledgement_note IS NOT NULL AND acknowledged_at IS NOT NULL
        ORDER BY acknowledged_at DESC, id
        LIMIT $2`,
      [municipality, limit],
    );
    return rows.map((row) => publicNoteRow.parse(row));
  }
}
