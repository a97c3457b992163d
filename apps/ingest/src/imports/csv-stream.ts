import { Readable } from 'node:stream';
import { parse, Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import { UnusableInput } from './unusable-input';

/** The upload is not a CSV file Pejling can read. */
export class UnreadableFile extends UnusableInput {
  constructor(reason: string) {
    super(`The file cannot be read: ${reason}`);
  }
}

const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is refused: no 10 MB single line is held in memory. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvStream {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
  records: Parser;
}

/**
 * Opens an uploaded CSV as a stream of records without reading it whole: sniffs the first bytes
 * for the encoding (UTF-8 with or without BOM, else Windows-1252) and the delimiter (`;`, `,` or
 * tab, whichever the header line uses most), then decodes and parses chunk by chunk.
 */
export async function openCsv(body: AsyncIterable<Buffer>): Promise<CsvStream> {
  const iterator = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  const start = Buffer.concat(head);
  if (start.length === 0) throw new UnreadableFile('the file is empty');
  const encoding = isUtf8(start) ? 'utf-8' : 'windows-1252';
  const firstLine = iconv
    .decode(start, encoding)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0];
  const delimiter = [';', ',', '\t']
    .map((candidate) => [candidate, firstLine.split(candidate).length - 1] as const)
    .sort((a, b) => b[1] - a[1])[0];
  if (delimiter[1] === 0) throw new UnreadableFile(`line 1 has no ';', ',' or tab between columns: "${firstLine.slice(0, 80)}"`);
  const rest = async function* () {
    yield start;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  const source = Readable.from(rest());
  const decoder = iconv.decodeStream(encoding);
  // relax_quotes: a quote inside an unquoted cell is data, so `=cmd|"…"` reaches the formula check.
  const records = parse({
    delimiter: delimiter[0],
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // pipe() does not forward errors: route them to the parser, whose async iterator reports them to the reader.
  source.on('error', (error) => records.destroy(error));
  decoder.on('error', (error) => records.destroy(error));
  records.on('error', () => undefined);
  source.pipe(decoder).pipe(records);
  return { encoding, delimiter: delimiter[0], records };
}

/** True if the bytes are valid UTF-8, ignoring a multi-byte character cut off at the end of the sample. */
function isUtf8(bytes: Buffer): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    try {
      decoder.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try once more without the last byte(s)
    }
  }
  return false;
}
