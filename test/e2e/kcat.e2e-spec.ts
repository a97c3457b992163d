import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { EVENT_TYPES, EventType, physicalTopic, topicOf } from '@pejling/contracts';
import {
  asMessage,
  createEventTopics,
  createTestWorld,
  eventTopics,
  everyEventType,
  produceRaw,
  repoRoot,
  TestWorld,
} from '@pejling/testing';

const run = promisify(execFile);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
// The JSON Schema validator the cloudevents SDK itself uses (ajv 8), as an independent consumer would have at hand.
const Ajv = createRequire(require.resolve('cloudevents'))('ajv') as new (options: object) => {
  compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown };
};
const addFormats = createRequire(require.resolve('cloudevents'))('ajv-formats') as (ajv: object) => void;

/** One line of `kcat -J`: headers are a flat [name, value, name, value, …] array. */
interface KcatRecord {
  topic: string;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

/**
 * The integrator's view with no Pejling code at all: one event of every registry type, written in
 * the services' CloudEvents binary form, read back by Debian's `kcat` (the README's example) and
 * checked header by header, with the payload validated against the JSON Schema in docs/schemas.
 */
describe("kcat (Debian's package) decodes every event type as a binary-mode CloudEvent", () => {
  let world: TestWorld;
  const examples = everyEventType();
  const topics = eventTopics();

  beforeAll(async () => {
    world = await createTestWorld();
    await createEventTopics(world.topicPrefix);
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('covers every type in the registry, the internal owners topic included', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(EVENT_TYPES).sort());
    expect(topics).toContain('pejling.internal.owners.v1');
  });

  it('reads each event with kcat -J: CloudEvents headers, municipality key, payload valid against its published schema', async () => {
    for (const topic of topics) {
      const events = Object.values(examples).filter((event) => topicOf(event.type as EventType) === topic);
      await produceRaw(topic, world.topicPrefix, events.map(asMessage));
    }
    const read = new Map<string, KcatRecord>();
    for (const topic of topics) {
      const { stdout } = await run(
        'kcat',
        ['-b', BROKERS, '-C', '-t', physicalTopic(topic, world.topicPrefix), '-o', 'beginning', '-e', '-q', '-J'],
        { timeout: 60_000 },
      );
      for (const line of stdout.split('\n').filter((text) => text.trim() !== '')) {
        const record = JSON.parse(line) as KcatRecord;
        const headers = headersOf(record);
        read.set(headers.ce_id, record);
      }
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const [type, event] of Object.entries(examples)) {
      const record = read.get(event.id);
      expect({ type, found: record !== undefined }).toEqual({ type, found: true });
      const headers = headersOf(record!);
      expect({
        topic: record!.topic,
        specversion: headers.ce_specversion,
        type: headers.ce_type,
        id: headers.ce_id,
        contentType: headers['content-type'],
        key: record!.key,
      }).toEqual({
        topic: physicalTopic(topicOf(type as EventType), world.topicPrefix),
        specversion: '1.0',
        type,
        id: event.id,
        contentType: 'application/json',
        key: event.municipality,
      });
      const schemaPath = `schemas/${type}/v${event.version}.json`;
      expect(headers.ce_dataschema).toMatch(new RegExp(`/${schemaPath.replace(/[.]/g, '\\.')}$`));
      const payload = JSON.parse(record!.payload ?? 'null');
      expect(payload).toEqual(event.payload);
      const schema = JSON.parse(readFileSync(path.join(repoRoot(), 'docs', schemaPath), 'utf8'));
      const validate = ajv.compile(schema);
      expect({ type, valid: validate(payload), errors: validate.errors ?? null }).toEqual({ type, valid: true, errors: null });
    }
  }, 180_000);
});

function headersOf(record: KcatRecord): Record<string, string> {
  const flat = record.headers ?? [];
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
  return headers;
}
