import { causesOf } from '../errors/error-causes';
import { isRetriableKafkaError } from './kafka-errors';

/**
 * Whether an error is an outage of something the handler depends on (database, Redis, broker,
 * network) rather than a problem with the message. Outages are retried until they pass; only
 * messages that keep failing for their own reasons are dead-lettered.
 */
export function isTransientError(error: unknown): boolean {
  for (const cause of causesOf(error)) if (isTransientItself(cause)) return true;
  return false;
}

/** Network error codes of Node.js sockets and DNS. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATE classes and codes that say "try again": connection exceptions (08),
 * serialization failures and deadlocks (40001, 40P01), insufficient resources (53), operator
 * intervention such as a restart (57P01-57P03), lock timeouts (55P03).
 */
function isTransientPostgres(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || ['40001', '40P01', '55P03', '57P01', '57P02', '57P03'].includes(code);
}

const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection (is )?closed/i,
  /Connection is closed/,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down)/i,
  /Reached the max retries per request limit/i,
  /socket hang up/i,
];

function isTransientItself(error: unknown): boolean {
  const { code, message, transient } = error as {
    code?: unknown;
    message?: string;
    transient?: unknown;
  };
  // Our own errors for a dependency that is down (another service's API) say so themselves.
  if (transient === true) return true;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isTransientPostgres(code)))) return true;
  // The Kafka client marks network failures, timeouts and broker errors that may pass.
  if (isRetriableKafkaError(error)) return true;
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}
