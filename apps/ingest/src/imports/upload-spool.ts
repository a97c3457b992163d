import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeException } from '@nestjs/common';

/** An upload read whole to a temporary file, to be read again from there. */
export interface SpooledUpload {
  bytes: number;
  open(): AsyncIterable<Buffer>;
  remove(): Promise<void>;
}

/**
 * Reads an upload to a temporary file, refusing it (413) once it passes `maxBytes`. The import
 * reads the file afterwards, so a slow or huge upload never holds the writers' lock or a
 * transaction while it arrives, and memory stays bounded by the stream's chunks.
 */
export async function spoolUpload(body: AsyncIterable<Buffer>, maxBytes: number, dir = tmpdir()): Promise<SpooledUpload> {
  const folder = await mkdtemp(join(dir, 'pejling-upload-'));
  const path = join(folder, 'upload.csv');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes)
        done(new PayloadTooLargeException(`The file is larger than ${maxBytes} bytes (IMPORT_MAX_BYTES); nothing was stored.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    bytes,
    open: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
