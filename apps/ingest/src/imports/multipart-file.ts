import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { UnusableInput } from './unusable-input';

/**
 * The first file part of a `multipart/form-data` upload (a browser form, `curl -F file=@x.csv`),
 * as a stream: the file is parsed as it arrives, never held whole. Later file parts are drained
 * and ignored; a form without a file is an UnusableInput.
 */
export function multipartFile(request: IncomingMessage): Promise<{ stream: Readable; filename?: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1 } });
    } catch (error) {
      reject(new UnusableInput(`The upload cannot be read: ${(error as Error).message}`));
      return;
    }
    let found = false;
    parser.on('file', (_field, stream, info) => {
      if (found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, filename: info.filename || undefined });
    });
    parser.on('error', (error) =>
      found ? undefined : reject(new UnusableInput(`The upload cannot be read: ${(error as Error).message}`)),
    );
    parser.on('close', () =>
      found
        ? undefined
        : reject(new UnusableInput('The upload has no file part: send the CSV as a file field, e.g. curl -F file=@figures.csv')),
    );
    request.pipe(parser);
  });
}
