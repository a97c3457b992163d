import { Inject, Injectable } from '@nestjs/common';
import { EvaluationPeriodKind, latestDuePeriod, monthOf, periodEndMonth } from '@pejling/domain-kernel';
import { SERVICE_ENV } from '@pejling/platform';
import { GoalsEnv } from '../goals.env';

/** What an evaluation needs to decide whether a transition is news or history. */
export interface AlertPolicy {
  now: Date;
  lagMonths: number;
  markHistorical: boolean;
  /** Municipalities a computed national average must cover for a national goal to be judged. */
  nationalCoverageMin: number;
}

/**
 * A transition is historical when its period ended before the newest period the publication
 * calendar says is due (one cadence of grace included): loading ten years of figures evaluates
 * 2014 in order, and owners must not be alerted about it.
 */
export function isHistorical(evaluationPeriod: EvaluationPeriodKind, period: string, policy: AlertPolicy): boolean {
  if (!policy.markHistorical) return false;
  return periodEndMonth(period) < latestDuePeriod(evaluationPeriod, monthOf(policy.now), policy.lagMonths);
}

@Injectable()
export class AlertPolicyProvider {
  constructor(@Inject(SERVICE_ENV) private readonly env: GoalsEnv) {}

  now(at = new Date()): AlertPolicy {
    return {
      now: at,
      lagMonths: this.env.PUBLICATION_LAG_MONTHS,
      markHistorical: this.env.MARK_HISTORICAL_TRANSITIONS,
      nationalCoverageMin: this.env.NATIONAL_COVERAGE_MIN,
    };
  }
}
