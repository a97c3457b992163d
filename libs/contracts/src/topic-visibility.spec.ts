import { deadLetterTopic, TOPICS } from './topics';
import { isPublicTopic, TOPIC_VISIBILITY } from './topic-visibility';

describe('topic visibility', () => {
  it('classifies every topic', () => {
    expect(Object.keys(TOPIC_VISIBILITY).sort()).toEqual(Object.keys(TOPICS).sort());
  });

  it('says the transitions topic is public and a dead-letter topic or an unknown one is not', () => {
    expect(isPublicTopic(TOPICS.goalTransitions)).toBe(true);
    expect(isPublicTopic(deadLetterTopic(TOPICS.goalTransitions))).toBe(false);
    expect(isPublicTopic('pejling.unknown.v1')).toBe(false);
  });
});
