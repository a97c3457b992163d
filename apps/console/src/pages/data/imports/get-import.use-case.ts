import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { ImportRecord, importRecord } from '../../../services/ingest-responses';

/** One import's audit record (404 from ingest when it is out of the viewer's scope). */
@Injectable()
export class GetImport {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer, id: string): Promise<ImportRecord> {
    return this.services.forUser(viewer).get('ingest', `/v1/imports/${encodeURIComponent(id)}`, importRecord);
  }
}
