import { z } from 'zod';
import { publicApiRateLimitSetting, serviceEnvSchema } from '@pejling/platform';
import { parseSecretKey } from './signing/secret-box';

const flag = z
  .enum(['true', 'false'], { error: "must be 'true' or 'false'" })
  .default('false')
  .transform((value) => value === 'true');
const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const DAY = 86_400_000;

/** `<id>:<key>` checked at start-up: a bad key stops the service before it seals anything. */
const secretKey = z.string().superRefine((value, context) => {
  try {
    parseSecretKey(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

export const notificationsEnvSchema = serviceEnvSchema.extend({
  PORT: serviceEnvSchema.shape.PORT.default(3004),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  SMTP_TIMEOUT_MS: ms(100, 300_000, 30_000),
  ALERT_EMAIL_FROM: z.string().min(3).default('Pejling <alerts@pejling.local>'),
  WEBHOOK_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters (it signs every webhook)'),
  WEBHOOK_TIMEOUT_MS: ms(100, 60_000, 10_000),
  /** Webhooks to private, loopback, link-local, CGNAT, unique-local or metadata addresses are refused unless this is true. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag,
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  DELIVERY_BACKOFF_MS: ms(10, 3_600_000, 2_000),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Bull lock of a running send; a send whose process died is taken up again after it (stalled-job check at the same interval). */
  DELIVERY_LOCK_MS: ms(1_000, 600_000, 30_000),
  /** How often deliveries without a live Bull job (lost, or left mid-send by a dead process) are re-queued. */
  DELIVERY_SWEEP_EVERY_MS: ms(500, 3_600_000, 30_000),
  /** At most this many sends per endpoint (one webhook URL or one inbox) per window. */
  ENDPOINT_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(100_000).default(30),
  ENDPOINT_RATE_LIMIT_WINDOW_MS: ms(100, 3_600_000, 60_000),
  /** Alerts to the same recipient, channel and municipality within this window become one message. */
  ALERT_GROUP_WINDOW_MS: ms(0, 3_600_000, 30_000),
  /** Reminders of an open, unacknowledged episode. */
  REMINDER_INTERVAL_MS: ms(60_000, 365 * DAY, 7 * DAY),
  REMINDER_SWEEP_EVERY_MS: ms(0, DAY, 60_000),
  DIGEST_SWEEP_EVERY_MS: ms(0, DAY, 900_000),
  /** Signs one-click acknowledgement links (kept apart from the webhook secret). */
  ACK_LINK_SECRET: z.string().min(16, 'must be at least 16 characters (it signs acknowledgement links)'),
  ACK_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Requests per client address per minute to the public routes (acknowledgement links, the public
   * notes the console reads from its own address), then 429 (0 = no limit).
   */
  PUBLIC_API_RATE_LIMIT_PER_MINUTE: publicApiRateLimitSetting(300),
  /** Where people reach this service (acknowledgement links in messages). */
  PUBLIC_URL: z.string().url('must be an absolute URL').default('http://127.0.0.1:3004'),
  /** The link to a goal in messages; `{goalId}` is replaced. */
  GOAL_LINK_TEMPLATE: z.string().includes('{goalId}', { message: 'must contain {goalId}' }).default('http://127.0.0.1:3005/goals/{goalId}'),
  /** Seals subscription and endpoint secrets at rest (AES-256-GCM): `<key id>:<32 bytes, base64 or hex>`. */
  SECRETS_KEY: secretKey,
  /** Keys that sealed older values, `<id>:<key>` comma-separated: they still open them after a key rotation. */
  SECRETS_PREVIOUS_KEYS: z
    .string()
    .default('')
    .pipe(
      z.string().superRefine((value, context) => {
        for (const entry of value.split(',').filter((part) => part.trim())) {
          try {
            parseSecretKey(entry);
          } catch (error) {
            context.addIssue({ code: 'custom', message: `${entry.split(':')[0]}: ${(error as Error).message}` });
          }
        }
      }),
    ),
  /** A subscription whose deliveries fail this many attempts in a row is disabled and its contact emailed. */
  SUBSCRIPTION_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * A finished delivery's attempt log (deliveries and subscription deliveries) is deleted this many
   * days after its last attempt; 0 keeps it for ever. The deliveries themselves stay, and so does the
   * log of any delivery still in progress.
   */
  DELIVERY_ATTEMPTS_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** A queue command Redis does not answer within this is a 503 (HTTP) or a retry (consumers), not a request left waiting. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  BULL_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('pejling'),
});

export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
