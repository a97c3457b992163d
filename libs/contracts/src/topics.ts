/**
 * Kafka topics, one per event stream. Every message is keyed by municipality code, so the
 * figures, indicators and goal transitions of one municipality stay in order.
 */
export const TOPICS = {
  figures: 'pejling.figures.v1',
  indicators: 'pejling.indicators.v1',
  goalEvaluations: 'pejling.goal-evaluations.v1',
  goalTransitions: 'pejling.goal-transitions.v1',
  /** Soft data-quality flags on stored figures (ingest → integrators, notifications). */
  dataQuality: 'pejling.data-quality.v1',
  /** Outcomes of scheduled pulls from the Jobindsats API (ingest → operators, notifications). */
  ingestRuns: 'pejling.ingest-runs.v1',
  /** What plans declare for other services: their municipality's clusters (goals → indicators). */
  plans: 'pejling.plans.v1',
  /** What happened to notifications: dead-lettered deliveries, disabled endpoints, acknowledgements (notifications → operators). */
  notifications: 'pejling.notifications.v1',
  /** INTERNAL: owners' contact details, channel URLs included (goals → notifications only; one key). */
  ownersInternal: 'pejling.internal.owners.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a consumer parks a message it cannot process, with the reason in the headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}

/**
 * A deployment may share one Kafka cluster between environments (or test runs) by prefixing
 * every topic; the logical names above stay the same in code.
 */
export function physicalTopic(topic: string, prefix: string): string {
  return `${prefix}${topic}`;
}

export function logicalTopic(physical: string, prefix: string): string {
  return prefix && physical.startsWith(prefix) ? physical.slice(prefix.length) : physical;
}

/** Headers that travel with a dead-lettered message (Spring-compatible names). */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'kafka_dlt-original-topic',
  originalPartition: 'kafka_dlt-original-partition',
  originalOffset: 'kafka_dlt-original-offset',
  exceptionMessage: 'kafka_dlt-exception-message',
  attempts: 'pejling_dlt-attempts',
  consumerGroup: 'pejling_dlt-consumer-group',
} as const;
