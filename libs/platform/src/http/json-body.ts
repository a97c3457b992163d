import type { IncomingMessage } from 'node:http';
import { duplicateKeys, jsonDepth, MAX_JSON_DEPTH } from './duplicate-keys';

/** A JSON body refused before it is parsed; body-parser passes it on with this status as an `entity.verify.failed` error. */
class RefusedJson extends Error {
  readonly status = 400;
  readonly type = 'entity.verify.failed';
}

/**
 * body-parser's `verify` for JSON bodies: refuses nesting deeper than MAX_JSON_DEPTH and keys
 * given twice in one object, naming them; JSON.parse would keep the last and say nothing.
 */
export function verifyJsonBody(_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string): void {
  if (body.length === 0) return;
  const text = body.toString((encoding as BufferEncoding) || 'utf-8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new RefusedJson(`the JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0)
    throw new RefusedJson(
      `the JSON gives ${duplicates.length === 1 ? 'a key' : 'keys'} twice in one object: ${duplicates.slice(0, 10).join(', ')}`,
    );
}
