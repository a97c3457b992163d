import busboy from 'busboy';
import type { Request } from 'express';

const MAX_BYTES = 1024 * 1024;

export type Upload =
  { ok: true; text: string; filename: string; fields: Record<string, string> } | { ok: false; reason: 'missing' | 'too-large' };

/** Reads the one file of a multipart form post (a plan file, at most 1 MB) as UTF-8 text, and its other fields. */
export function readUpload(request: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: MAX_BYTES, fields: 10 } });
    } catch {
      resolve({ ok: false, reason: 'missing' });
      return;
    }
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let filename = '';
    let tooLarge = false;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, stream, info) => {
      filename = info.filename ?? '';
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', reject);
    parser.on('close', () => {
      if (tooLarge) return resolve({ ok: false, reason: 'too-large' });
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      if (!filename || !text.trim()) return resolve({ ok: false, reason: 'missing' });
      resolve({ ok: true, text, filename, fields });
    });
    request.pipe(parser);
  });
}
