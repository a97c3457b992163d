import {
  type Acl,
  AclOperations,
  type AclOperationValue,
  AclPermissionTypes,
  Admin,
  ResourcePatternTypes,
  type ResourcePatternTypeValue,
  ResourceTypes,
  type ResourceTypeValue,
} from '@platformatic/kafka';
import { physicalTopic, TOPIC_VISIBILITY, TOPICS } from '@pejling/contracts';

/** One ACL binding as the broker stores it. */
export type AclBinding = Acl;

export interface IntegratorAccess {
  /** The SCRAM user, e.g. `integrator`; the ACLs name it as `User:<username>`. */
  username: string;
  /** The deployment's KAFKA_TOPIC_PREFIX: ACLs name the physical topics. */
  topicPrefix: string;
  /** Consumer groups the integrator may use start with this (default `<topicPrefix><username>-`). */
  groupPrefix?: string;
}

/** The consumer-group prefix an integrator gets unless told otherwise: namespaced like Pejling's own groups. */
export function defaultGroupPrefix({ username, topicPrefix }: Pick<IntegratorAccess, 'username' | 'topicPrefix'>): string {
  return `${topicPrefix}${username}-`;
}

/** The public topics of TOPIC_VISIBILITY with the deployment's prefix; dead-letter topics are never among them. */
export function publicTopics(topicPrefix: string): string[] {
  return (Object.keys(TOPICS) as (keyof typeof TOPICS)[])
    .filter((name) => TOPIC_VISIBILITY[name] === 'public')
    .map((name) => physicalTopic(TOPICS[name], topicPrefix));
}

/**
 * Exactly what an integrator may do: READ and DESCRIBE each public topic (consume, list offsets,
 * offsetsForTimes) and READ and DESCRIBE the consumer groups under its own prefix (join, commit,
 * fetch its offsets). Nothing else: no WRITE, no CREATE, no internal or dead-letter topic, no
 * other group; the broker denies whatever no ACL allows (`allow.everyone.if.no.acl.found=false`).
 */
export function integratorAcls(access: IntegratorAccess): AclBinding[] {
  const principal = `User:${access.username}`;
  const allow = (
    resourceType: ResourceTypeValue,
    resourceName: string,
    resourcePatternType: ResourcePatternTypeValue,
    operation: AclOperationValue,
  ): AclBinding => ({
    resourceType,
    resourceName,
    resourcePatternType,
    principal,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  const readAndDescribe = [AclOperations.READ, AclOperations.DESCRIBE];
  const groupPrefix = access.groupPrefix ?? defaultGroupPrefix(access);
  return [
    ...publicTopics(access.topicPrefix).flatMap((topic) =>
      readAndDescribe.map((operation) => allow(ResourceTypes.TOPIC, topic, ResourcePatternTypes.LITERAL, operation)),
    ),
    ...readAndDescribe.map((operation) => allow(ResourceTypes.GROUP, groupPrefix, ResourcePatternTypes.PREFIXED, operation)),
  ];
}

export interface AclSync {
  created: AclBinding[];
  deleted: AclBinding[];
}

/**
 * Makes the principal's ACLs exactly `wanted`: creates the missing ones and deletes the rest, so a
 * topic turned internal loses its grant on the next run. Idempotent. Needs a super user's admin client.
 */
export async function syncAcls(admin: Admin, principal: string, wanted: AclBinding[]): Promise<AclSync> {
  const current = await currentAcls(admin, principal);
  const wantedKeys = new Set(wanted.map(aclKey));
  const currentKeys = new Set(current.map(aclKey));
  const created = wanted.filter((acl) => !currentKeys.has(aclKey(acl)));
  const deleted = current.filter((acl) => !wantedKeys.has(aclKey(acl)));
  if (created.length > 0) await admin.createAcls({ creations: created });
  if (deleted.length > 0) await admin.deleteAcls({ filters: deleted });
  return { created, deleted };
}

/** Every ACL binding that names `principal`, on any resource. */
export async function currentAcls(admin: Admin, principal: string): Promise<AclBinding[]> {
  const resources = await admin.describeAcls({
    filter: {
      resourceType: ResourceTypes.ANY,
      resourceName: null,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal,
      host: null,
      operation: AclOperations.ANY,
      permissionType: AclPermissionTypes.ANY,
    },
  });
  return resources.flatMap((resource) =>
    resource.acls.map((acl) => ({
      resourceType: resource.resourceType,
      resourceName: resource.resourceName,
      resourcePatternType: resource.resourcePatternType,
      principal: acl.principal,
      host: acl.host,
      operation: acl.operation,
      permissionType: acl.permissionType,
    })),
  );
}

function aclKey(acl: AclBinding): string {
  return [acl.resourceType, acl.resourcePatternType, acl.resourceName, acl.principal, acl.host, acl.operation, acl.permissionType].join(
    '|',
  );
}
