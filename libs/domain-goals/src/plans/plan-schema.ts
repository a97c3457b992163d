import { z } from 'zod';
import { findMunicipality, parseMonth, webhookUrlSchema } from '@pejling/domain-kernel';
import { findIndicator, MIN_CLUSTER_PEERS, parseDerivedId } from '@pejling/domain-indicators';

const month = z.string().refine((value) => parseMonth(value).ok && /^\d{4}-\d{2}$/.test(value), 'must be a month as YYYY-MM');
const comparator = z.enum(['lt', 'lte', 'gt', 'gte']);
const code = z.string().refine((value) => !!findMunicipality(value), 'is not a Danish municipality code');

/** The goal kinds of the engine (engine/rules.ts), as they are written in a plan file. */
export const goalRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), comparator, target: z.number() }),
  z.object({ kind: z.literal('benchmark'), benchmark: z.enum(['national', 'cluster']), comparator, offsetPp: z.number() }),
  z.object({ kind: z.literal('rank'), within: z.enum(['cluster', 'country']), maxRank: z.number().int().min(1) }),
  z.object({ kind: z.literal('change_by_deadline'), baselinePeriod: month, comparator, change: z.number(), deadline: month }),
  z.object({ kind: z.literal('cumulative_by_deadline'), from: month, target: z.number().positive(), deadline: month }),
  z.object({ kind: z.literal('cohort'), comparator, target: z.number(), maturityMonths: z.number().int().min(1) }),
]);

const owner = z.object({ name: z.string().min(1), email: z.string().email().optional(), webhookUrl: webhookUrlSchema.optional() });

export const planGoalSchema = z.object({
  /** As printed in the plan: `Mål E`, `Resultatmål 3a`, `DR-1.1`. */
  id: z.string().min(1),
  text: z.string().min(1),
  indicator: z.string().min(1),
  rule: goalRuleSchema,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  evaluationPeriod: z.enum(['month', 'quarter', 'rolling-12-months', 'year']),
  deadline: month.optional(),
  horizon: month.optional(),
  owners: z.array(owner).min(1),
  severity: z.enum(['critical', 'major', 'minor']).default('major'),
  applicability: z.object({ kind: z.literal('actual_above_expected') }).optional(),
  hysteresis: z.number().int().min(1).max(12).optional(),
  precision: z.number().int().min(0).max(6).optional(),
  notes: z.string().optional(),
});

export const planSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug such as frederiksberg-2022'),
  municipality: code,
  title: z.string().min(1),
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  source: z.object({ document: z.string().min(1), committee: z.string().min(1), adopted: z.string().optional() }),
  /** Indicators the plan measures that Jobindsats does not publish: fed by figures posted through ingest. */
  indicators: z
    .array(
      z.object({
        id: z
          .string()
          .regex(/^[a-z0-9.-]+$/)
          .refine(
            (id) => !parseDerivedId(id),
            'ends like a derived indicator (.change-12m, .mean-12m): declare the base, and goals may name its derived ids',
          ),
        labelDa: z.string().min(1),
        labelEn: z.string().min(1),
        unit: z.enum(['percent', 'count', 'full-time-persons']),
        source: z.enum(['jobindsats', 'manual', 'survey', 'benchmark']),
      }),
    )
    .default([]),
  /**
   * The municipality's clusters per indicator (benefit group): the members it is benchmarked
   * against, from the plan version's effective month or from `from`. The plan is their source of
   * truth: goals publishes them to indicators when the version takes effect.
   */
  clusters: z
    .record(z.string(), z.union([z.array(code).min(1), z.object({ members: z.array(code).min(1), from: month.optional() })]))
    .default({}),
  focusAreas: z.array(z.object({ id: z.string().min(1), title: z.string().min(1), goals: z.array(planGoalSchema) })).min(1),
  /**
   * The follow-up the plan promises its committee ("Styring og opfølgning"): the months a status
   * report ends in (half-yearly by default) and the committee's recipients of the approved report.
   */
  reporting: z
    .object({
      months: z
        .array(z.number().int().min(1).max(12))
        .min(1)
        .refine((months) => new Set(months).size === months.length, 'lists a month twice')
        .default([6, 12]),
      recipients: z.array(z.object({ name: z.string().min(1), email: z.string().email() })).default([]),
    })
    .default({ months: [6, 12], recipients: [] }),
  /** Opt-in: a public, read-only page of the municipality's goals and their states, with no personal data. */
  transparency: z.object({ public: z.boolean().default(false) }).default({ public: false }),
  /** Goals of the plan that cannot be measured, each with why, so none is silently dropped. */
  notEncoded: z.array(z.object({ id: z.string().min(1), reason: z.string().min(1) })).default([]),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanGoal = z.infer<typeof planGoalSchema>;

export interface PlanProblem {
  path: string;
  message: string;
}

/** Validates a plan file: its shape, then the cross-references a schema alone cannot check. */
export function validatePlan(input: unknown): { ok: true; plan: Plan } | { ok: false; errors: PlanProblem[] } {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(plan)', message: issue.message })) };
  }
  const plan = parsed.data;
  const errors: PlanProblem[] = [];
  const declared = new Set(plan.indicators.map((indicator) => indicator.id));
  const goalIds = new Set<string>();
  const areaIds = new Set<string>();
  const firstYear = Math.min(...plan.years);
  plan.focusAreas.forEach((area, a) => {
    if (areaIds.has(area.id)) errors.push({ path: `focusAreas.${a}.id`, message: `duplicate focus area id '${area.id}'` });
    areaIds.add(area.id);
    area.goals.forEach((goal, g) => {
      const at = `focusAreas.${a}.goals.${g}`;
      if (goalIds.has(goal.id)) errors.push({ path: `${at}.id`, message: `duplicate goal id '${goal.id}'` });
      goalIds.add(goal.id);
      if (!findIndicator(goal.indicator) && !declared.has(goal.indicator) && !declared.has(parseDerivedId(goal.indicator)?.base ?? '')) {
        errors.push({
          path: `${at}.indicator`,
          message: `'${goal.indicator}' is neither a catalogue indicator nor declared in the plan's indicators (nor derived from one)`,
        });
      }
      if (goal.deadline && Number(goal.deadline.slice(0, 4)) < firstYear) {
        errors.push({ path: `${at}.deadline`, message: `${goal.deadline} is before the plan's first year ${firstYear}` });
      }
    });
  });
  for (const cluster of planClusters(plan)) {
    const at = `clusters.${cluster.indicatorId}`;
    const derived = parseDerivedId(cluster.indicatorId);
    if (derived)
      errors.push({
        path: at,
        message: `'${cluster.indicatorId}' is derived from '${derived.base}' and uses its clusters: declare them on '${derived.base}'`,
      });
    else if (!findIndicator(cluster.indicatorId) && !declared.has(cluster.indicatorId))
      errors.push({ path: at, message: `'${cluster.indicatorId}' is not a known indicator` });
    const others = new Set(cluster.members.filter((member) => member !== plan.municipality));
    if (others.size < MIN_CLUSTER_PEERS) {
      errors.push({
        path: at,
        message: `a cluster needs at least ${MIN_CLUSTER_PEERS} members besides the municipality ${plan.municipality} (got ${others.size})`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}

export interface PlanCluster {
  indicatorId: string;
  /** Sorted, without duplicates. */
  members: string[];
  /** The cluster's own first month, if the plan gives one (else the version's effective month applies). */
  from?: string;
}

/** The plan's clusters in one shape, whichever way the file writes them. */
export function planClusters(plan: Pick<Plan, 'clusters'>): PlanCluster[] {
  return Object.entries(plan.clusters)
    .map(([indicatorId, value]) => {
      const members = [...new Set(Array.isArray(value) ? value : value.members)].sort();
      const from = Array.isArray(value) ? undefined : value.from;
      return { indicatorId, members, ...(from ? { from } : {}) };
    })
    .sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));
}

/** Every goal of a plan with the focus area it belongs to. */
export function planGoals(plan: Plan): (PlanGoal & { focusArea: string })[] {
  return plan.focusAreas.flatMap((area) => area.goals.map((goal) => ({ ...goal, focusArea: area.id })));
}
