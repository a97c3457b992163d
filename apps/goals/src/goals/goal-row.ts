import { Applicability, GoalRule, GoalSpec } from '@pejling/domain-goals';
import { EvaluationPeriodKind } from '@pejling/domain-kernel';

/** A goal as stored: its latest version (each period is judged by the version in force for it). */
export interface GoalRow {
  id: string;
  name: string;
  municipality: string;
  indicator_id: string;
  rule: GoalRule;
  direction: GoalSpec['direction'];
  severity: 'critical' | 'major' | 'minor';
  hysteresis: number;
  precision: number | null;
  horizon: string | null;
  applicability: Applicability | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_webhook_url: string | null;
  evaluation_period?: EvaluationPeriodKind;
}
