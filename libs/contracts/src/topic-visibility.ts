import { TOPICS } from './topics';

/**
 * Who may read a topic. Public topics are the integration surface (AsyncAPI, Kafka ACLs for the
 * integrator principal): their events carry ids, never people's names, addresses or channel URLs.
 * Internal topics carry what only Pejling's own services may see.
 */
export type TopicVisibility = 'public' | 'internal';

export const TOPIC_VISIBILITY: Record<keyof typeof TOPICS, TopicVisibility> = {
  figures: 'public',
  indicators: 'public',
  goalEvaluations: 'public',
  goalTransitions: 'public',
  dataQuality: 'public',
  ingestRuns: 'public',
  plans: 'public',
  notifications: 'public',
  ownersInternal: 'internal',
};

/** Dead-letter topics hold whatever failed, so they are never public. */
export function isPublicTopic(topic: string): boolean {
  const name = (Object.keys(TOPICS) as (keyof typeof TOPICS)[]).find((key) => TOPICS[key] === topic);
  return name !== undefined && TOPIC_VISIBILITY[name] === 'public';
}
