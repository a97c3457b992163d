import { z } from 'zod';

/** SASL mechanisms the Kafka client speaks that the secured broker can offer (it offers scram-sha-512). */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

/** Settings every service shares. Each service extends this with its own. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/pejling'),
  /** A statement running longer is cancelled (SQLSTATE 57014) and its request answered 503: nothing holds a connection forever. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** A transaction left idle this long (a client gone mid-request) is ended by PostgreSQL, releasing its locks. */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** How long a request waits for a free connection of the pool before it is answered 503. */
  DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'must be host:port[,host:port...]')
    .default('127.0.0.1:9092'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may only contain letters, digits, ".", "_" and "-"')
    .default(''),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(100).default(3),
  /**
   * Static group membership (KIP-345): a stable name per instance (a StatefulSet pod's name, a
   * systemd unit's instance). A restarted instance takes back its partitions at once instead of
   * waiting out the session timeout of its killed predecessor; unset, membership is dynamic.
   */
  KAFKA_GROUP_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'may only contain letters, digits, ".", "_" and "-" (at most 200)')
    .optional(),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  CONSUMER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /**
   * How producers write events: `cloudevents` (binary mode of the Kafka protocol binding) or
   * `envelope` (the JSON envelope of before), which keeps old consumers fed during a rolling upgrade.
   */
  KAFKA_EVENT_FORMAT: z.enum(['cloudevents', 'envelope']).default('cloudevents'),
  /** The absolute base of `ce_dataschema`: the URL where a service (or a mirror of docs/) serves /schemas/<type>/v<N>.json. */
  EVENT_SCHEMA_BASE_URL: z.string().url('must be an absolute URL').default('http://127.0.0.1:3001'),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 512kb or 5mb')
    .default('2mb'),
  // SASL towards a secured broker (`npm run kafka -- start --secure`): all three or none.
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/**
 * Validates the environment at start-up and fails with one line per bad variable, naming it,
 * so a misconfigured deployment stops before it touches Kafka or the database.
 */
export function validateEnv<S extends z.ZodObject>(schema: S, env: Record<string, unknown>, service: string): z.infer<S> {
  // Cross-variable rules run here, not on baseEnvSchema: zod refuses to extend a refined object.
  const result = schema.superRefine(saslAllOrNone).superRefine(noExampleSecretsInProduction).safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    // Inside a structured variable (a JSON list), say where: JOBINDSATS_PULLS[0].cron.
    const where = issue.path
      .slice(1)
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('');
    const got = env[name];
    const shown = got === undefined ? 'not set' : `got ${describeValue(name, String(got))}`;
    return `  ${name}${where}: ${issue.message} (${shown})`;
  });
  throw new Error(`Invalid configuration for ${service}:\n${lines.join('\n')}`);
}

/** SASL needs the mechanism, username and password together: a half-configured client would fail at the broker. */
function saslAllOrNone(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const set = SASL_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === SASL_VARIABLES.length) return;
  for (const name of SASL_VARIABLES.filter((variable) => env[variable] === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [name],
      message: `must be set with ${set.join(' and ')} (SASL needs the mechanism, username and password)`,
    });
  }
}

/** The example secrets docker-compose.yml falls back to (`change-me…`, its dev SECRETS_KEY): fine to try Pejling, never to run it. */
const EXAMPLE_SECRET = /change-(me|this)|^dev:ZGV2LW9ubHktc2VjcmV0cy1rZXktY2hhbmdlLW1lISE=$/i;

/** NODE_ENV=production refuses every secret that is still an example value, naming the variable. */
function noExampleSecretsInProduction(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV !== 'production') return;
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_NAME.test(name) && typeof value === 'string' && EXAMPLE_SECRET.test(value))
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is the example value of docker-compose.yml: set a secret of your own in production',
      });
  }
}

/** Variables whose values are never printed: a misconfigured secret must not end up in a log. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL/i;

/** The value as an operator may see it: secrets hidden, passwords in URLs masked, long values cut. */
export function describeValue(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return `a value of ${value.length} characters, not shown`;
  const masked = value.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/g, '$1***@');
  return `'${masked.length > 200 ? `${masked.slice(0, 200)}…` : masked}'`;
}
