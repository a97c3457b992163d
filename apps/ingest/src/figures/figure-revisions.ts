import { Injectable } from '@nestjs/common';
import { FigureRevisionFilter, FiguresRepository, FigureWithRevisions } from '../persistence/figures.repository';

/** A series' figures with their revision history (the console's Data page). */
@Injectable()
export class FigureRevisions {
  constructor(private readonly figures: FiguresRepository) {}

  run(filter: FigureRevisionFilter): Promise<FigureWithRevisions[]> {
    return this.figures.listWithRevisions(filter);
  }
}
