/**
 * Reading the Kafka client's errors without depending on its classes: a protocol error carries the
 * broker's error id (`apiId`, e.g. `TOPIC_ALREADY_EXISTS`) and whether it may pass (`canRetry`);
 * several at once arrive as an AggregateError (`errors`), and wrapped ones under `cause`.
 */
export function kafkaErrorIds(error: unknown): string[] {
  return collect(error).flatMap((item) => {
    const { apiId } = item as { apiId?: unknown };
    return typeof apiId === 'string' ? [apiId] : [];
  });
}

/** The client's error codes of an outage: network, timeout, or a broker error it marks as retriable. */
const OUTAGE_CODES = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT']);

/** Whether the Kafka client says the failure is the broker's or the network's and may pass. */
export function isRetriableKafkaError(error: unknown): boolean {
  return collect(error).some((item) => {
    const { code, canRetry } = item as { code?: unknown; canRetry?: unknown };
    return (typeof code === 'string' && OUTAGE_CODES.has(code)) || (code === 'PLT_KFK_PROTOCOL' && canRetry === true);
  });
}

/** The error, the errors it aggregates and its causes, a few levels deep. */
function collect(error: unknown, depth = 0): object[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const { errors, cause } = error as { errors?: unknown; cause?: unknown };
  const nested = Array.isArray(errors) ? errors.flatMap((item) => collect(item, depth + 1)) : [];
  return [error, ...nested, ...collect(cause, depth + 1)];
}
