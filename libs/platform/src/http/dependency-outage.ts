import { causesOf } from '../errors/error-causes';
import { isTransientError } from '../kafka/transient-errors';

/** What was down when a request failed: named in the 503 so an operator knows where to look. */
export type Dependency = 'database' | 'redis' | 'kafka' | 'a dependency';

/** Seconds a client should wait before retrying a request refused for an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** A dependency did not answer in time; `transient`, so consumers retry it and HTTP answers 503. */
export class DependencyUnavailable extends Error {
  readonly transient = true;

  constructor(
    readonly dependency: Dependency,
    what: string,
    ms: number,
  ) {
    super(`${dependency} did not answer ${what} within ${ms} ms`);
    this.name = 'DependencyUnavailable';
  }
}

/**
 * `work`, or a DependencyUnavailable after `ms`. For clients that queue commands while their
 * server is down (ioredis under Bull) and would otherwise keep a request waiting until it returns.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, dependency: Dependency, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyUnavailable(dependency, what, ms)), ms);
  });
  work.catch(() => undefined); // a late failure after the deadline has nobody to report to
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a request's error is an outage (a dependency down, a timeout, a pool exhausted) and of
 * what, or undefined for any other error. PostgreSQL's statement timeout (57014, "canceling
 * statement due to statement timeout") counts as an outage: the request may succeed later.
 */
export function dependencyOutage(error: unknown, portsOf: ReadonlyMap<number, Dependency> = new Map()): Dependency | undefined {
  if (!isTransientError(error) && !isStatementTimeout(error)) return undefined;
  if (error instanceof DependencyUnavailable) return error.dependency;
  // A refused or reset socket carries the port it tried: the configured URLs say whose it is.
  const port = portOf(error);
  if (port !== undefined && portsOf.has(port)) return portsOf.get(port);
  const text = describeChain(error);
  if (/redis|ioredis|max retries per request/i.test(text)) return 'redis';
  if (/kafka|PLT_KFK|broker/i.test(text)) return 'kafka';
  if (/postgres|QueryFailedError|database|statement|connection terminated|trying to connect|\b(08|53|57)[0-9A-Z]{3}\b/i.test(text))
    return 'database';
  return 'a dependency';
}

function portOf(error: unknown): number | undefined {
  for (const cause of causesOf(error)) {
    const port = (cause as { port?: unknown }).port;
    if (typeof port === 'number') return port;
  }
  return undefined;
}

function isStatementTimeout(error: unknown): boolean {
  for (const cause of causesOf(error)) if ((cause as { code?: unknown }).code === '57014') return true;
  return false;
}

/** Names, codes and messages of an error and its causes, to tell which dependency it came from. */
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (const cause of causesOf(error)) {
    const { name, code, message, constructor } = cause as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      constructor?: { name?: string };
    };
    parts.push(String(name ?? ''), String(code ?? ''), String(message ?? ''), constructor?.name ?? '');
    if ((cause as { driverError?: unknown }).driverError || (cause as { query?: unknown }).query !== undefined) parts.push('postgres');
  }
  return parts.join(' ');
}
