/** An error and its causes (TypeORM's `driverError`, or the standard `cause`), at most five deep. */
export function* causesOf(error: unknown): Generator<object> {
  for (let cause: unknown = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    yield cause;
    cause = (cause as { driverError?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
}
