import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';

/**
 * The time the report schedule runs on. CLOCK_NOW starts it at a chosen moment (a test or demo
 * replaying 2022's figures) and lets it run on from there; unset, it is the system clock.
 */
@Injectable()
export class Clock {
  private readonly offsetMs: number;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv) {
    this.offsetMs = env.CLOCK_NOW ? new Date(env.CLOCK_NOW).getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
