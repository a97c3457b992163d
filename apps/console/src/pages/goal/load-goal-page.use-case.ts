import { Injectable } from '@nestjs/common';
import { changeDrivers, describeRule, goalRuleSchema } from '@pejling/domain-goals';
import { findIndicator } from '@pejling/domain-indicators';
import { findSeries } from '@pejling/domain-kernel';
import { ServiceUnavailable } from '../../services/service-errors';
import { ServicesClient } from '../../services/services-client';
import type { Lang } from '../../web/language';
import type { Viewer } from '../../web/viewer';
import {
  Evaluation,
  evaluationsResponse,
  GoalHistory,
  goalResponse,
  GoalResponse,
  historyResponse,
  versionsResponse,
} from '../../services/goals-responses';

export interface ChartPoint {
  period: string;
  value: number | null;
  target: number | null;
  national: number | null;
  cluster: number | null;
}

export interface GoalPage {
  goal: GoalResponse;
  unit: 'percent' | 'count';
  indicatorLabel: string;
  ruleInWords: string;
  chart: ChartPoint[];
  /** "1 af 98 kommuner" and "0 af 3 kommuner med data" of the latest reading. */
  coverage: { national: Record<string, unknown> | null; cluster: Record<string, unknown> | null };
  drivers: { label: string; value: number; change: number | null }[];
  evaluations: Evaluation[];
  versions: { version: number; effectiveFrom: string; author: string | null; createdAt: string; ruleInWords: string }[];
  /** The notifications history, or why it is missing (the page still shows the rest). */
  history: { ok: true; data: GoalHistory } | { ok: false; service: string };
}

/** Page 2: a goal with everything the goals and notifications services know about it. */
@Injectable()
export class LoadGoalPage {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, goalId: string, lang: Lang): Promise<GoalPage> {
    const api = this.services.forUser(viewer);
    const id = encodeURIComponent(goalId);
    // The goal first: out of scope or unknown is a 404 page, before anything else is asked.
    const goal = await api.get('goals', `/v1/goals/${id}`, goalResponse);
    const [evaluations, versions, history] = await Promise.all([
      api.get('goals', `/v1/goals/${id}/evaluations`, evaluationsResponse),
      api.get('goals', `/v1/goals/${id}/versions`, versionsResponse),
      api.get('notifications', `/v1/goals/${id}/history`, historyResponse).then(
        (data) => ({ ok: true as const, data }),
        (error: unknown) => {
          if (error instanceof ServiceUnavailable) return { ok: false as const, service: error.service };
          throw error;
        },
      ),
    ]);
    const indicator = findIndicator(goal.indicator);
    const unit = indicator?.unit === 'count' ? 'count' : 'percent';
    const current = evaluations
      .filter((evaluation) => evaluation.current && evaluation.kind !== 'staleness')
      .sort((a, b) => a.period.localeCompare(b.period));
    const latest = current[current.length - 1];
    return {
      goal,
      unit,
      indicatorLabel: (lang === 'da' ? indicator?.labelDa : indicator?.labelEn) ?? goal.indicator,
      ruleInWords: ruleInWords(goal.rule, lang, unit),
      chart: current.map((evaluation) => ({
        period: evaluation.period,
        value: evaluation.value,
        target: evaluation.required ?? null,
        national: evaluation.benchmarks?.national ?? null,
        cluster: evaluation.benchmarks?.cluster ?? null,
      })),
      coverage: { national: latest?.benchmarks?.nationalBasis ?? null, cluster: latest?.benchmarks?.clusterBasis ?? null },
      drivers: driversOf(current, lang),
      evaluations,
      versions: versions
        .map((version) => ({
          version: version.version,
          effectiveFrom: version.effectiveFrom,
          author: version.author,
          createdAt: version.createdAt,
          ruleInWords: ruleInWords(version.definition?.rule, lang, unit),
        }))
        .sort((a, b) => b.version - a.version),
      history,
    };
  }
}

function ruleInWords(rule: unknown, lang: Lang, unit: 'percent' | 'count'): string {
  const parsed = goalRuleSchema.safeParse(rule);
  return parsed.success ? describeRule(parsed.data, lang, unit) : JSON.stringify(rule ?? null);
}

/** The latest period's benefit types (full-time persons) with their change from the period before. */
function driversOf(current: Evaluation[], lang: Lang): GoalPage['drivers'] {
  const latest = current[current.length - 1]?.inputs?.parts;
  if (!latest || Object.keys(latest).length < 2) return [];
  const previous = current[current.length - 2]?.inputs?.parts ?? undefined;
  const changes = new Map(
    changeDrivers(previous ?? undefined, latest, Object.keys(latest).length).map((driver) => [driver.series, driver.change]),
  );
  return Object.entries(latest)
    .map(([series, value]) => ({
      label: (lang === 'da' ? findSeries(series)?.labelDa : findSeries(series)?.labelEn) ?? series,
      value,
      change: previous ? (changes.get(series) ?? 0) : null,
    }))
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || b.value - a.value);
}
