import fc from 'fast-check';

/** One generated request body: its bytes and the content type it is sent as. */
export interface FuzzBody {
  kind: string;
  contentType: string;
  body: Buffer;
}

const utf8 = (text: string) => Buffer.from(text, 'utf-8');
const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const NASTY_TEXT = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(CONTROL, fc.constantFrom('\u0000', '\u007f', '\u0085', '\uFEFF', '\uD800', '=cmd|', '"', ';', '\\')), { maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'NaN',
    '-0',
    '1e400',
    '2.113',
    '-21,5%',
    '2021M07',
    '147',
    'Frederiksberg',
    'sygedagpenge',
    '__proto__',
    'constructor',
  ),
);
const EXTREME_NUMBER = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0', '0.0000000000000000001', '9007199254740993'),
  fc.double().filter(Number.isFinite).map(String),
  fc.integer().map(String),
);
/** Field names the services use, so generated objects reach past "unknown field" into each field's checks. */
const KNOWN_FIELDS = fc.constantFrom(
  'figures',
  'municipality',
  'series',
  'period',
  'value',
  'unit',
  'source',
  'name',
  'email',
  'goal',
  'goalId',
  'owner',
  'ownerId',
  'threshold',
  'thresholdPercent',
  'direction',
  'indicator',
  'members',
  'since',
  'until',
  'matchers',
  'comment',
  'url',
  'eventTypes',
  'enabled',
  'overlapMinutes',
  'role',
  'channels',
  'recipients',
  'startsAt',
  'endsAt',
  'asOf',
  'legacySignature',
  'municipalities',
);
const KEY = fc.oneof(KNOWN_FIELDS, NASTY_TEXT);

/** JSON values with the generators' nasty strings and numbers inside. */
const { value: JSON_VALUE } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    NASTY_TEXT,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(KEY, tie('value'), { maxKeys: 6 }),
  ),
}));

/** A JSON object that is not `{}` (an empty object is a valid body where every field is optional). */
const JSON_OBJECT = fc.dictionary(KEY, JSON_VALUE, { minKeys: 1, maxKeys: 8 });

/** Texts a JSON parser must refuse or a handler must reject: raw, with repeated keys, deep, with extreme numbers. */
const JSON_TEXT = fc.oneof(
  JSON_OBJECT.map((value) => JSON.stringify(value)),
  fc.array(JSON_VALUE, { maxLength: 5 }).map((value) => JSON.stringify(value)),
  fc.tuple(KNOWN_FIELDS, JSON_VALUE, JSON_VALUE).map(([key, a, b]) => `{"${key}":${JSON.stringify(a)},"${key}":${JSON.stringify(b)}}`),
  fc.tuple(KNOWN_FIELDS, EXTREME_NUMBER).map(([key, number]) => `{"${key}":${number}}`),
  fc.integer({ min: 60, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 60, max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.constantFrom(
    '{',
    '{"a":1,}',
    "{'a':1}",
    'null',
    'true',
    '"text"',
    '1',
    '{"a":1}garbage',
    '\uFEFF{"a":1}',
    '{"a":"\\u0000"}',
    '{"a":"\\ud800"}',
  ),
  fc.string({ minLength: 1, maxLength: 60 }),
);

const CSV_CELL = fc.oneof(
  NASTY_TEXT,
  EXTREME_NUMBER,
  fc.constantFrom('Frederiksberg', '147', '2021M07', 'Sygedagpenge', '1.217', '-21,5%', '"quoted;cell"', ''),
);
const CSV_HEADER = fc.constantFrom(
  'Område;Periode;Ydelse;Fuldtidspersoner',
  'Kommune;Ydelse;2021M07;2021M08',
  'municipality,series,period,value,unit',
  'Område\tPeriode\tYdelse\tFuldtidspersoner',
);
/** CSV files: header only, rows longer or shorter than the header, empty, control characters, random cells. */
const CSV_TEXT = fc.oneof(
  CSV_HEADER,
  CSV_HEADER.map((header) => `${header}\n`),
  fc
    .tuple(CSV_HEADER, fc.array(fc.array(CSV_CELL, { minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 6 }))
    .map(([header, rows]) =>
      [header, ...rows.map((cells) => cells.join(header.includes('\t') ? '\t' : header.includes(';') ? ';' : ','))].join('\r\n'),
    ),
  fc.constantFrom('', '\n\n\n', ';;;', 'Område;Periode;Ydelse;Fuldtidspersoner\nFrederiksberg;2021M07;Sygedagpenge;1.217;9;9'),
);

const YAML_TEXT = fc.oneof(
  fc.constantFrom(
    '',
    '---',
    'a: [',
    'a: &x\n  b: *x',
    '? complex\n: key',
    'a: 1\na: 2',
    'plan:\n  municipality: 147\n  goals: 7',
    '!!binary AAAA',
    '%YAML 9.9\n---\na: 1',
  ),
  JSON_OBJECT.map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

// Never empty: no body is a valid request where every field is optional (a sweep), not a malformed one.
const BYTES = fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((bytes) => Buffer.from(bytes));
/** Archive and other binary formats sent as if they were text. */
const ARCHIVE = fc
  .tuple(fc.constantFrom('504b0304', '1f8b0800', '25504446', '89504e47', 'd0cf11e0'), BYTES)
  .map(([magic, rest]) => Buffer.concat([Buffer.from(magic, 'hex'), rest]));
/** The same texts in encodings a service does not expect: UTF-16 with and without BOM, Latin-1. */
const OTHER_ENCODING = fc
  .tuple(fc.oneof(JSON_TEXT, CSV_TEXT), fc.constantFrom('utf16le', 'utf16le-bom', 'latin1'))
  .map(([text, encoding]) =>
    encoding === 'utf16le-bom'
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
      : Buffer.from(text, encoding as BufferEncoding),
  );

const BOUNDARY = 'pejlingfuzzboundary';
const multipart = (file: Buffer, field = 'file') =>
  Buffer.concat([
    utf8(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    file,
    utf8(`\r\n--${BOUNDARY}--\r\n`),
  ]);

/**
 * Every kind of body the fuzz test sends, each with the content type a client would (mis)label it with.
 * Never empty: no body at all is a valid request where every field is optional (a sweep).
 */
export const FUZZ_BODY: fc.Arbitrary<FuzzBody> = fc
  .oneof(
    JSON_TEXT.map((text) => ({ kind: 'json', contentType: 'application/json', body: utf8(text) })),
    JSON_TEXT.map((text) => ({ kind: 'json-charset', contentType: 'application/json; charset=utf-16', body: utf8(text) })),
    CSV_TEXT.map((text) => ({ kind: 'csv', contentType: 'text/csv', body: utf8(text) })),
    CSV_TEXT.map((text) => ({ kind: 'multipart', contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart(utf8(text)) })),
    BYTES.map((bytes) => ({ kind: 'multipart-broken', contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: bytes })),
    fc.tuple(CSV_TEXT, fc.constantFrom('data', 'upload', '')).map(([text, field]) => ({
      kind: 'multipart-field',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: multipart(utf8(text), field),
    })),
    YAML_TEXT.map((text) => ({ kind: 'yaml', contentType: 'application/yaml', body: utf8(text) })),
    BYTES.map((bytes) => ({ kind: 'bytes', contentType: 'application/octet-stream', body: bytes })),
    BYTES.map((bytes) => ({ kind: 'bytes-as-json', contentType: 'application/json', body: bytes })),
    ARCHIVE.map((bytes) => ({ kind: 'archive-as-csv', contentType: 'text/csv', body: bytes })),
    OTHER_ENCODING.map((bytes) => ({ kind: 'other-encoding', contentType: 'text/csv', body: bytes })),
    OTHER_ENCODING.map((bytes) => ({ kind: 'other-encoding-json', contentType: 'application/json', body: bytes })),
  )
  .filter((input) => input.body.length > 0);
