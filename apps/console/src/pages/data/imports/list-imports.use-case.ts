import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { ImportListing, importListingList } from '../../../services/ingest-responses';

export const IMPORTS_PAGE_SIZE = 25;

export interface ImportsPage {
  imports: ImportListing[];
  /** `before` of the next (older) page, when there may be one. */
  older?: string;
  /** Whether this is a later page (so the page offers a way back to the newest). */
  paged: boolean;
}

/** One page of the imports the viewer may see (ingest scopes them), newest first. */
@Injectable()
export class ListImports {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, before?: string): Promise<ImportsPage> {
    const query = new URLSearchParams({ limit: String(IMPORTS_PAGE_SIZE) });
    if (before) query.set('before', before);
    const imports = await this.services.forUser(viewer).get('ingest', `/v1/imports?${query}`, importListingList);
    const last = imports[imports.length - 1];
    return { imports, older: imports.length === IMPORTS_PAGE_SIZE && last ? last.createdAt : undefined, paged: !!before };
  }
}
