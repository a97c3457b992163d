import type { IncomingMessage } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { ServiceUnavailable } from '../../../services/service-errors';
import { signUserToken } from '../../../services/user-token';
import type { Viewer } from '../../../web/viewer';

/**
 * The largest file the console passes on (100 MiB, some 2 million rows of a long file). The file
 * is streamed, never held, so the limit bounds the time an upload holds a request, not memory.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** A national backfill takes minutes in ingest; the console waits for its answer this long. */
const UPLOAD_TIMEOUT_MS = 15 * 60_000;

export class UploadTooLarge extends Error {
  constructor() {
    super(`the upload exceeds ${MAX_UPLOAD_BYTES} bytes`);
  }
}

export interface ForwardedAnswer {
  status: number;
  text: string;
}

/**
 * Streams the request's body (the raw CSV bytes, whatever their encoding) to ingest's
 * `POST /v1/imports` with the user's token, counting bytes on the way: beyond the limit the
 * upload is cut off and ingest, seeing a broken request, stores nothing.
 */
export async function forwardUpload(
  ingestUrl: string,
  tokenSecret: string,
  viewer: Viewer,
  body: IncomingMessage,
  query: URLSearchParams,
): Promise<ForwardedAnswer> {
  const declared = Number(body.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) throw new UploadTooLarge();
  let seen = 0;
  let tooLarge = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > MAX_UPLOAD_BYTES) {
        tooLarge = true;
        done(new UploadTooLarge());
        return;
      }
      done(null, chunk);
    },
  });
  body.on('aborted', () => counter.destroy(new Error('the browser aborted the upload')));
  body.pipe(counter);
  const token = await signUserToken(tokenSecret, viewer);
  let response: Response;
  try {
    response = await fetch(`${ingestUrl}/v1/imports?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', accept: 'application/json' },
      body: Readable.toWeb(counter) as ReadableStream,
      // Node's fetch streams a request body only half-duplex.
      duplex: 'half',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    } as RequestInit);
  } catch (error) {
    if (tooLarge) throw new UploadTooLarge();
    throw new ServiceUnavailable(
      'ingest',
      (error as Error).name === 'TimeoutError' ? `no answer within ${UPLOAD_TIMEOUT_MS / 60_000} minutes` : 'it could not be reached',
    );
  }
  const text = await response.text();
  // Ingest may answer before it has read everything (a refusal): drain the rest so the browser's request completes.
  if (!body.readableEnded) {
    body.unpipe(counter);
    counter.destroy();
    body.resume();
  }
  if (tooLarge) throw new UploadTooLarge();
  return { status: response.status, text };
}
