import { Injectable } from '@nestjs/common';
import { FigureListing, FiguresRepository } from '../persistence/figures.repository';

/** Stored figures (at most 1000, newest period first), by municipality and series. */
@Injectable()
export class ListFigures {
  constructor(private readonly figures: FiguresRepository) {}

  run(filter: { municipality?: string; series?: string }): Promise<FigureListing[]> {
    return this.figures.list(filter);
  }
}
