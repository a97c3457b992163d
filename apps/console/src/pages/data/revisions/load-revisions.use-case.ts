import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { FigureWithRevisions, figureRevisionsList } from '../../../services/ingest-responses';

export const PERIODS_SHOWN = 240;

/** A series' figures for one area, newest period first, each with its revisions (published statistics: not scoped). */
@Injectable()
export class LoadRevisions {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer, series: string, municipality: string): Promise<FigureWithRevisions[]> {
    const query = new URLSearchParams({ series, municipality, limit: String(PERIODS_SHOWN) });
    return this.services.forUser(viewer).get('ingest', `/v1/figures/revisions?${query}`, figureRevisionsList);
  }
}
