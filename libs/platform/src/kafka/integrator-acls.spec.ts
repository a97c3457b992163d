import { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes } from '@platformatic/kafka';
import { deadLetterTopic, isPublicTopic, TOPICS } from '@pejling/contracts';
import { integratorAcls, publicTopics } from './integrator-acls';

describe('integratorAcls', () => {
  const acls = integratorAcls({ username: 'integrator', topicPrefix: 'staging.' });

  it('grants READ and DESCRIBE on exactly the public topics, with the deployment prefix', () => {
    const topics = acls.filter((acl) => acl.resourceType === ResourceTypes.TOPIC);
    const expected = Object.values(TOPICS)
      .filter(isPublicTopic)
      .map((topic) => `staging.${topic}`);
    expect(publicTopics('staging.')).toEqual(expected);
    for (const operation of [AclOperations.READ, AclOperations.DESCRIBE]) {
      expect(topics.filter((acl) => acl.operation === operation).map((acl) => acl.resourceName)).toEqual(expected);
    }
    expect(topics.every((acl) => acl.resourcePatternType === ResourcePatternTypes.LITERAL)).toBe(true);
    expect(topics.map((acl) => acl.resourceName)).not.toContain(`staging.${deadLetterTopic(TOPICS.figures)}`);
  });

  it('grants its own group prefix and nothing that writes or administers', () => {
    const groups = acls.filter((acl) => acl.resourceType === ResourceTypes.GROUP);
    expect(groups.map((acl) => [acl.resourceName, acl.resourcePatternType, acl.operation])).toEqual([
      ['staging.integrator-', ResourcePatternTypes.PREFIXED, AclOperations.READ],
      ['staging.integrator-', ResourcePatternTypes.PREFIXED, AclOperations.DESCRIBE],
    ]);
    expect(acls).toHaveLength(publicTopics('').length * 2 + 2);
    expect(
      acls.every((acl) => acl.principal === 'User:integrator' && acl.host === '*' && acl.permissionType === AclPermissionTypes.ALLOW),
    ).toBe(true);
    expect(acls.every((acl) => acl.operation === AclOperations.READ || acl.operation === AclOperations.DESCRIBE)).toBe(true);
  });

  it('takes another group prefix when told', () => {
    const custom = integratorAcls({ username: 'acme', topicPrefix: '', groupPrefix: 'acme.bi-' });
    expect(custom.filter((acl) => acl.resourceType === ResourceTypes.GROUP).map((acl) => acl.resourceName)).toEqual([
      'acme.bi-',
      'acme.bi-',
    ]);
    expect(custom[0].principal).toBe('User:acme');
  });
});
