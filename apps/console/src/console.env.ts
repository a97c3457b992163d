import { z } from 'zod';
import { baseEnvSchema, trustProxySetting, validateEnv } from '@pejling/platform';

const url = (fallback: string) => z.string().url('must be an absolute URL').default(fallback);

/**
 * The console's settings. It talks to the four services over HTTP only (never their schemas), so it
 * needs their base URLs and the secret it signs each request's user token with (the services verify it).
 */
export const consoleEnvSchema = baseEnvSchema
  // The console publishes nothing (no outbox); it consumes the goals' evaluations to draft committee reports.
  .omit({ OUTBOX_POLL_INTERVAL_MS: true, OUTBOX_BATCH_SIZE: true })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3005),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The reverse proxies in front of the console, whose X-Forwarded-For is believed (rate limits and sign-in throttling count the client behind them); `false`: none. */
    TRUST_PROXY: trustProxySetting,
    INGEST_URL: url('http://127.0.0.1:3001'),
    INDICATORS_URL: url('http://127.0.0.1:3002'),
    GOALS_URL: url('http://127.0.0.1:3003'),
    NOTIFICATIONS_URL: url('http://127.0.0.1:3004'),
    /** Signs the per-request user token (HS256); the same value is set in the four services. */
    CONSOLE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters (it signs the user tokens the services trust)'),
    /** Keys the session and CSRF tokens' hashes, so a leaked table of sessions cannot be replayed. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** Secure cookies (HTTPS only); set false only for local development over plain HTTP. */
    COOKIE_SECURE: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025'),
    SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
    MAIL_FROM: z.string().min(3).default('Pejling <console@pejling.local>'),
    /** Where people reach the console (links in password-reset emails). */
    PUBLIC_URL: url('http://127.0.0.1:3005'),
    /** Failed sign-ins (per account) within the window before the account is locked for LOCKOUT_MINUTES. */
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Sign-in and password-reset requests per client address per minute (together); more get 429 with Retry-After. */
    SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    PASSWORD_RESET_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    /** How often the board and goal page poll for changes (htmx). */
    REFRESH_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Bull (report rendering and emailing, with retries) lives here. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    BULL_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default('pejling'),
    /** The Chromium that prints committee reports to PDF (Debian's package). */
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    REPORT_RENDER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
    /**
     * A report period's draft is made by itself when its last month's figures are judged within
     * this many months after the period ended; older periods (a backfill) are drafted on demand.
     */
    REPORT_AUTO_DRAFT_MONTHS: z.coerce.number().int().min(1).max(24).default(6),
    REPORT_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    REPORT_SEND_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** Pins the console's clock (ISO 8601), for tests and demos that replay an earlier year; unset in production. */
    CLOCK_NOW: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2022-08-15T09:00:00Z' }).optional(),
    /** The public transparency page (/offentlig): how long the services' answers are kept, and the browser's max-age (0 = not cached). */
    PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    /** Requests per client address per minute to the public pages and feeds; more get 429 with Retry-After. */
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  });

export type ConsoleEnv = Omit<z.infer<typeof consoleEnvSchema>, 'COOKIE_SECURE'> & { COOKIE_SECURE: boolean };
export const CONSOLE_ENV = Symbol('CONSOLE_ENV');

/** Validates the settings (failing with the variable's name) and settles COOKIE_SECURE. */
export function loadConsoleEnv(raw: Record<string, unknown>): ConsoleEnv {
  const env = validateEnv(consoleEnvSchema, raw, 'pejling-console');
  // Secure by default; a console whose PUBLIC_URL is this machine over plain HTTP (local development) may not be.
  return { ...env, COOKIE_SECURE: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : !isLocal(env.PUBLIC_URL) };
}

function isLocal(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}
