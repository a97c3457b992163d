import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FigureRevisionFilter, FigureWithRevisions, listFigureRevisions } from './figure-revisions.repository';

/** A series' figures with their revision history (the console's Data page). */
@Injectable()
export class FigureRevisions {
  constructor(private readonly dataSource: DataSource) {}

  run(filter: FigureRevisionFilter): Promise<FigureWithRevisions[]> {
    return listFigureRevisions(this.dataSource, filter);
  }
}
