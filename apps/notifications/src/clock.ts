/** The time, injectable so tests can run reminders, digests and silences at a chosen moment. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
