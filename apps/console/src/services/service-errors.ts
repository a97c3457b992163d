export type ServiceName = 'ingest' | 'indicators' | 'goals' | 'notifications';

export interface ServiceFieldError {
  field?: string;
  path?: string;
  reason?: string;
  message?: string;
  line?: number;
  column?: number;
  row?: number;
}

/** A service answered 4xx: its message is meant for the person, and the page shows it as is. */
export class ServiceRejection extends Error {
  constructor(
    readonly service: ServiceName,
    readonly status: number,
    message: string,
    readonly errors: ServiceFieldError[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

/** A service answered 5xx, timed out or could not be reached: the page says which, and to try again. */
export class ServiceUnavailable extends Error {
  /** An outage, not the request's fault: a consumer retries it until it passes (isTransientError). */
  readonly transient = true;

  constructor(
    readonly service: ServiceName,
    readonly reason: string,
  ) {
    super(`the ${service} service is unavailable (${reason})`);
  }
}
