import { createRequire } from 'node:module';
import { CloudEvent, Kafka as CloudEventsKafka, KafkaMessage } from 'cloudevents';
import { EVENT_TYPES, EventType, generatedDocs, topicOf } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import {
  createEventTopics,
  createTestWorld,
  eventTopics,
  everyEventType,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
} from '@pejling/testing';
import { goalsApp } from './goals.app';

// The JSON Schema validator the cloudevents SDK itself uses (ajv 8), as an independent consumer would have at hand.
const Ajv = createRequire(require.resolve('cloudevents'))('ajv') as new (options: object) => {
  compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown };
};
const addFormats = createRequire(require.resolve('cloudevents'))('ajv-formats') as (ajv: object) => void;

/**
 * Every event type in the registry, written to a real outbox and published by the real relay of a
 * running service, read back as an independent consumer would: the `cloudevents` SDK's Kafka
 * binding, and the payload validated against the JSON Schema Pejling publishes for its version.
 */
describe('CloudEvents on Kafka: every event type, read with the cloudevents SDK (real relay, real broker)', () => {
  let world: TestWorld;
  let service: RunningService;
  const probes = new Map<string, TopicProbe>();
  const examples = everyEventType();
  const topics = eventTopics();

  beforeAll(async () => {
    world = await createTestWorld();
    await createEventTopics(world.topicPrefix);
    for (const topic of topics) probes.set(topic, await TopicProbe.start(topic, world.topicPrefix));
    service = await startService(goalsApp, world.env);
  });

  afterAll(async () => {
    for (const probe of probes.values()) await probe.stop();
    await service?.close();
    await world?.cleanup();
  });

  it('covers every type in the registry', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(EVENT_TYPES).sort());
  });

  it('publishes each as a binary-mode CloudEvent the SDK decodes, with the payload valid against its published schema', async () => {
    await service.nest.get(Transactions).run(async (unit) => unit.publish(...Object.values(examples)));
    const received = new Map<string, { key: string | null; headers: Record<string, string>; value: string }>();
    for (const [type, event] of Object.entries(examples)) {
      const probe = probes.get(topicOf(type as EventType))!;
      const [message] = (await probe.waitFor((messages) => messages.some((m) => m.headers.ce_id === event.id), 30_000)).filter(
        (m) => m.headers.ce_id === event.id,
      );
      received.set(type, message);
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const docs = generatedDocs();
    for (const [type, event] of Object.entries(examples)) {
      const message = received.get(type)!;
      const kafkaMessage: KafkaMessage<string> = {
        key: message.key ?? '',
        headers: message.headers,
        body: message.value,
        value: message.value,
      };
      const cloudEvent = CloudEventsKafka.toEvent(kafkaMessage) as CloudEvent<unknown>;
      expect(cloudEvent.validate()).toBe(true);
      expect({
        type: cloudEvent.type,
        specversion: cloudEvent.specversion,
        id: cloudEvent.id,
        source: cloudEvent.source,
        subject: typeof cloudEvent.subject,
        datacontenttype: cloudEvent.datacontenttype,
        municipality: cloudEvent.municipality,
        dataversion: cloudEvent.dataversion,
        partitionkey: cloudEvent.partitionkey,
      }).toEqual({
        type,
        specversion: '1.0',
        id: event.id,
        source: event.source,
        subject: 'string',
        datacontenttype: 'application/json',
        municipality: event.municipality,
        dataversion: String(event.version),
        partitionkey: event.municipality,
      });
      expect(new Date(cloudEvent.time!).toISOString()).toBe(new Date(event.time).toISOString());
      const schemaPath = `schemas/${type}/v${event.version}.json`;
      expect(cloudEvent.dataschema).toBe(`${world.env.EVENT_SCHEMA_BASE_URL ?? 'http://127.0.0.1:3001'}/${schemaPath}`);
      const data = typeof cloudEvent.data === 'string' ? JSON.parse(cloudEvent.data) : cloudEvent.data;
      expect(data).toEqual(event.payload);
      const validate = ajv.compile(JSON.parse(docs[schemaPath]));
      expect({ type, valid: validate(data), errors: validate.errors ?? null }).toEqual({ type, valid: true, errors: null });
    }
  });
});
