/* eslint-disable no-console -- a command-line tool talks on stdout */
import { parseArgs } from 'node:util';
import { AclOperations, ResourceTypes } from '@platformatic/kafka';
import { baseEnvSchema, validateEnv } from '../config/env';
import { AclBinding, defaultGroupPrefix, integratorAcls, syncAcls } from './integrator-acls';
import { createAdmin, kafkaSasl } from './kafka-client';

const USAGE = `Grant an integrator read access to Pejling's public topics on a secured broker (SASL + ACLs).

  npm run kafka:acls [-- --user <name>] [--group-prefix <prefix>]

Connects as KAFKA_SASL_USERNAME (a super user, e.g. the services' \`pejling\`) to KAFKA_BROKERS and makes
User:<name>'s ACLs exactly: READ + DESCRIBE on every public topic (with KAFKA_TOPIC_PREFIX), READ + DESCRIBE
on consumer groups starting with <prefix> (default: <KAFKA_TOPIC_PREFIX><name>-). Anything else it had is
removed. <name> defaults to integrator; the user itself must exist (SCRAM credentials).`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, 'group-prefix': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return usage(0);
  const env = validateEnv(baseEnvSchema, process.env, 'kafka:acls');
  const sasl = kafkaSasl(env);
  if (!sasl) {
    console.error('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must name a super user of the secured broker');
    return usage(2);
  }
  const username = values.user ?? 'integrator';
  const groupPrefix = values['group-prefix'] ?? defaultGroupPrefix({ username, topicPrefix: env.KAFKA_TOPIC_PREFIX });
  const admin = createAdmin({ brokers: env.KAFKA_BROKERS, clientId: 'pejling-acls', sasl });
  try {
    const { created, deleted } = await syncAcls(
      admin,
      `User:${username}`,
      integratorAcls({ username, topicPrefix: env.KAFKA_TOPIC_PREFIX, groupPrefix }),
    );
    for (const acl of created) console.log(`+ ${describeAcl(acl)}`);
    for (const acl of deleted) console.log(`- ${describeAcl(acl)}`);
    console.log(`User:${username}: ${created.length} ACLs added, ${deleted.length} removed (groups: ${groupPrefix}*)`);
    return 0;
  } finally {
    await admin.close();
  }
}

function describeAcl(acl: AclBinding): string {
  return `${nameOf(AclOperations, acl.operation)} on ${nameOf(ResourceTypes, acl.resourceType)} ${acl.resourceName}`;
}

/** The client's enums are plain objects (no reverse mapping). */
function nameOf(values: Record<string, unknown>, value: number): string {
  return Object.keys(values).find((key) => values[key] === value) ?? String(value);
}

function usage(code: number): number {
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
