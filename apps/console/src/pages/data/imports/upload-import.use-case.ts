import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLogRepository } from '../../../audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from '../../../console.env';
import { ServiceRejection, ServiceUnavailable } from '../../../services/service-errors';
import type { Viewer } from '../../../web/viewer';
import { ImportRecord, importRecord } from '../../../services/ingest-responses';
import { forwardUpload } from './forward-upload';

export interface UploadRequest {
  policy: 'all-or-nothing' | 'accept-valid';
  source: string;
  /** A wide file's municipality or area (`000` the whole country). */
  area?: string;
  filename?: string;
}

/**
 * Uploads a CSV file: streams it to ingest as the user, and records the outcome (stored,
 * rejected or unreadable: ingest keeps an import record either way) in the console's audit log.
 * Ingest's other refusals (role, 4xx) become a ServiceRejection with its message.
 */
@Injectable()
export class UploadImport {
  private readonly logger = new Logger(UploadImport.name);

  constructor(
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, body: IncomingMessage, request: UploadRequest): Promise<ImportRecord> {
    const query = new URLSearchParams({ source: request.source, policy: request.policy });
    if (request.area) query.set('area', request.area);
    if (request.filename) query.set('filename', request.filename);
    const answer = await forwardUpload(this.env.INGEST_URL, this.env.CONSOLE_TOKEN_SECRET, viewer, body, query);
    if (answer.status >= 500) throw new ServiceUnavailable('ingest', `it answered ${answer.status}`);
    const record = parseRecord(answer.text);
    if (!record) throw rejection(answer.status, answer.text);
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'import.uploaded',
      targetType: 'import',
      targetId: record.id,
      municipality: record.municipalities?.length === 1 ? record.municipalities[0] : null,
      details: {
        filename: record.filename ?? request.filename ?? null,
        status: record.status,
        policy: record.policy,
        source: record.source,
        rows: record.rows,
        municipalities: record.municipalities ?? [],
      },
    });
    this.logger.log({ importId: record.id, status: record.status, rows: record.rows.total, user: viewer.id }, 'import uploaded');
    return record;
  }
}

function parseRecord(text: string): ImportRecord | undefined {
  try {
    const parsed = importRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function rejection(status: number, text: string): ServiceRejection {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    const message = Array.isArray(body.message)
      ? body.message.join('; ')
      : typeof body.message === 'string'
        ? body.message
        : `HTTP ${status}`;
    return new ServiceRejection('ingest', status, message, [], body);
  } catch {
    return new ServiceRejection('ingest', status, text.slice(0, 500) || `HTTP ${status}`);
  }
}
