import { CLOUDEVENTS_HEADERS, dataSchemaUri, EVENT_SUBJECT_FIELDS } from '../cloudevents';
import { topicOf } from '../registry';
import { TOPICS } from '../topics';
import { TOPIC_VISIBILITY } from '../topic-visibility';
import { eventVersions, JsonSchema, payloadJsonSchema } from './event-schemas';

type TopicKey = keyof typeof TOPICS;

/** What each topic carries, for the document and the events page. */
const TOPIC_DESCRIPTIONS: Record<TopicKey, string> = {
  figures: 'Every new figure and every revision (with its previous value), from ingest.',
  indicators: 'Indicator readings with national and cluster benchmarks, published when a reading changes.',
  goalEvaluations: 'Every goal evaluation that changed, with inputs, explanation and benchmarks.',
  goalTransitions: 'Goal transitions (breach, at risk, recovery, stale) and corrections of periods already alerted.',
  dataQuality: 'Soft data-quality flags on stored figures.',
  ingestRuns: 'Outcomes of scheduled pulls from the Jobindsats API.',
  plans: "What plans declare for other services: their municipality's clusters.",
  notifications: 'What happened to notifications: dead-lettered deliveries, disabled endpoints, acknowledgements, disabled subscriptions.',
  ownersInternal:
    "Internal: owners' contact details (names, addresses, channel URLs) from goals to notifications; never readable by integrators.",
};

export interface AsyncApiOptions {
  /** Base of `ce_dataschema` as the producers write it (EVENT_SCHEMA_BASE_URL). */
  schemaBaseUrl?: string;
  brokers?: string;
}

export function messageId(type: string, version: number): string {
  return `${type}.v${version}`;
}

/**
 * The AsyncAPI 3.0 document of Pejling's Kafka topics, generated from the registry: one channel per
 * topic (with its visibility), one message per event type and version, with the key, the CloudEvents
 * headers and the payload's JSON Schema.
 */
export function asyncApiDocument(options: AsyncApiOptions = {}): JsonSchema {
  const base = options.schemaBaseUrl ?? 'http://127.0.0.1:3001';
  const versions = eventVersions();
  const messages: Record<string, JsonSchema> = {};
  for (const { type, version, current, schema } of versions) {
    const payload = payloadJsonSchema(type, version, schema);
    delete payload.$schema;
    delete payload.$id;
    messages[messageId(type, version)] = {
      name: type,
      title: `${type} v${version}${current ? ' (current)' : ''}`,
      summary: `${type}, payload version ${version}${current ? '; producers write this version' : '; still accepted by consumers, upcast to the current version'}.`,
      contentType: 'application/json',
      headers: headersSchema(type, version, base),
      payload,
      correlationId: {
        description: 'The correlation id of the request or import that caused the event (extension attribute).',
        location: `$message.header#/${CLOUDEVENTS_HEADERS.correlationid}`,
      },
      bindings: {
        kafka: {
          key: { type: 'string', pattern: '^\\d{3}$', description: "The municipality code ('000': the whole country)." },
          bindingVersion: '0.5.0',
        },
      },
      externalDocs: { description: 'JSON Schema of the payload', url: dataSchemaUri(type, version, base) },
      'x-pejling-type': type,
      'x-pejling-version': version,
      'x-pejling-current': current,
    };
  }
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  for (const key of Object.keys(TOPICS) as TopicKey[]) {
    const topic = TOPICS[key];
    const ids = versions.filter(({ type }) => topicOf(type) === topic).map(({ type, version }) => messageId(type, version));
    const visibility = TOPIC_VISIBILITY[key];
    channels[key] = {
      address: topic,
      title: topic,
      description: `${TOPIC_DESCRIPTIONS[key]} ${visibility === 'public' ? 'Public: integrators may read it.' : "Internal: only Pejling's own services read it."} Keyed by municipality code, so per-municipality order holds.`,
      tags: [{ name: visibility }],
      'x-pejling-visibility': visibility,
      messages: Object.fromEntries(ids.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
    };
    operations[`receive-${key}`] = {
      action: 'receive',
      title: `Consume ${topic}`,
      channel: { $ref: `#/channels/${key}` },
      messages: ids.map((id) => ({ $ref: `#/channels/${key}/messages/${id}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pejling events',
      version: '1.0.0',
      description: [
        "Pejling's Kafka topics. Every message is a CloudEvents 1.0 event in binary content mode (Kafka protocol binding):",
        'the attributes are `ce_*` headers, the value is the JSON payload, the key is the municipality code.',
        '`ce_dataschema` names the JSON Schema of the payload version (also served at /schemas/<type>/v<N>.json by every service).',
        'During a rolling upgrade (KAFKA_EVENT_FORMAT=envelope) producers may still write the previous JSON envelope',
        '`{ id, type, version, source, time, municipality, correlationId?, payload }` as the value; consumers accept both.',
        'Dead-letter topics (`<topic>.dlt`) are internal.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    servers: { local: { host: options.brokers ?? '127.0.0.1:9092', protocol: 'kafka', description: 'The broker `npm start` runs.' } },
    channels,
    operations,
    components: { messages },
  };
}

function headersSchema(type: string, version: number, base: string): JsonSchema {
  const text = (description: string, extra: JsonSchema = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    required: [
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_time',
      'ce_dataschema',
      'content-type',
      'ce_municipality',
      'ce_dataversion',
    ],
    properties: {
      ce_specversion: text('CloudEvents version.', { const: '1.0' }),
      ce_id: text('Event id (UUIDv7): the idempotency key.', { format: 'uuid' }),
      ce_source: text('The producing service, e.g. pejling/goals.'),
      ce_type: text('The event type.', { const: type }),
      ce_time: text('When it happened (RFC 3339).', { format: 'date-time' }),
      ce_subject: text(`What the event is about: the payload's \`${EVENT_SUBJECT_FIELDS[type as keyof typeof EVENT_SUBJECT_FIELDS]}\`.`),
      ce_dataschema: text('The JSON Schema of the payload version.', { format: 'uri', examples: [dataSchemaUri(type, version, base)] }),
      'content-type': text('Media type of the value.', { const: 'application/json' }),
      ce_municipality: text('Extension: municipality code (also the key).', { pattern: '^\\d{3}$' }),
      ce_dataversion: text('Extension: the payload version.', { const: String(version) }),
      ce_correlationid: text('Extension: correlation id of the request or import that caused it.'),
    },
  };
}
