import { Injectable } from '@nestjs/common';
import { PublicNote, PublicNotesRepository } from './public-notes.repository';

/**
 * The public notes of a municipality's goals, newest first. Notifications does not know which plans
 * are public (goals does), so the console shows a note only beside a goal the goals service lists
 * as public; the note itself is public because its author said so.
 */
@Injectable()
export class ListPublicNotes {
  constructor(private readonly notes: PublicNotesRepository) {}

  run(municipality: string, limit: number): Promise<PublicNote[]> {
    return this.notes.ofMunicipality(municipality, limit);
  }
}
