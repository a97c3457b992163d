import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { describeRule, goalRuleSchema } from '@pejling/domain-goals';
import { PublicServicesClient } from '../../services/public-services-client';
import { ServiceUnavailable } from '../../services/service-errors';
import type { Lang } from '../../web/language';
import { goalLabel } from './goal-label';
import { PUBLIC_TEXTS, PublicTexts } from './public.texts';
import {
  PublicChange,
  publicChangesResponse,
  PublicGoal,
  PublicMunicipality,
  publicMunicipalityResponse,
  PublicNote,
  publicNotesResponse,
} from './public.schema';

export interface PublicGoalView extends PublicGoal {
  label: string;
  unit: string;
  ruleInWords: string;
  /** The benchmarks in words, each called what it is: national only when it is (official, or every municipality). */
  comparisons: { label: string; value: number }[];
}

export interface PublicPageView {
  municipality: PublicMunicipality['municipality'];
  plans: (Omit<PublicMunicipality['plans'][number], 'focusAreas'> & {
    focusAreas: { id: string; title: string; goals: PublicGoalView[] }[];
  })[];
  changes: (PublicChange & { label: string })[];
  /** The public notes of the goals on the page, or why they are missing (the page shows the rest). */
  notes: { ok: true; items: (PublicNote & { label: string })[] } | { ok: false };
}

const RECENT_CHANGES = 10;

/**
 * /offentlig/:code: the municipality's public plans and goals (goals service), their latest state
 * changes, and the follow-up notes their authors made public (notifications service). A note is
 * shown only beside a goal the goals service lists as public, so a note on any other goal stays out.
 */
@Injectable()
export class LoadPublicPage {
  constructor(private readonly services: PublicServicesClient) {}

  async execute(code: string, lang: Lang): Promise<PublicPageView> {
    const base = `/v1/public/municipalities/${encodeURIComponent(code)}`;
    // The goals first: an unknown or non-public municipality is a 404 page before anything else is asked.
    const page = await this.services.get('goals', base, publicMunicipalityResponse);
    const [changes, notes] = await Promise.all([
      this.services.get('goals', `${base}/changes?limit=${RECENT_CHANGES}`, publicChangesResponse),
      this.services.get('notifications', `${base}/notes`, publicNotesResponse).then(
        (items) => ({ ok: true as const, items }),
        (error: unknown) => {
          if (error instanceof ServiceUnavailable) return { ok: false as const };
          throw error;
        },
      ),
    ]);
    const labels = new Map<string, string>();
    const plans = page.plans.map((plan) => ({
      ...plan,
      focusAreas: plan.focusAreas.map((area) => ({
        ...area,
        goals: area.goals.map((goal) => {
          const label = goalLabel(goal.planGoalId, goal.text);
          labels.set(goal.id, label);
          const unit = goal.indicator.unit === 'count' || goal.indicator.unit === 'full-time-persons' ? 'count' : 'percent';
          return {
            ...goal,
            label,
            unit,
            ruleInWords: ruleInWords(goal.rule, lang, unit),
            comparisons: comparisons(goal.benchmarks, PUBLIC_TEXTS[lang]),
          };
        }),
      })),
    }));
    return {
      municipality: page.municipality,
      plans,
      changes: changes.changes.map((change) => ({
        ...change,
        label: labels.get(change.goalId) ?? goalLabel(change.planGoalId, change.text),
      })),
      notes: notes.ok
        ? {
            ok: true,
            items: notes.items.flatMap((note) => {
              const label = labels.get(note.goalId);
              return label ? [{ ...note, label }] : [];
            }),
          }
        : { ok: false },
    };
  }
}

function ruleInWords(rule: unknown, lang: Lang, unit: 'percent' | 'count'): string {
  const parsed = goalRuleSchema.safeParse(rule);
  return parsed.success ? describeRule(parsed.data, lang, unit) : '–';
}

const nationalBasis = z.object({ source: z.enum(['official', 'municipalities']), municipalities: z.number(), of: z.number() });
const clusterBasis = z.object({ members: z.number(), withData: z.number() });

function comparisons(benchmarks: PublicGoal['benchmarks'], texts: PublicTexts): PublicGoalView['comparisons'] {
  const out: PublicGoalView['comparisons'] = [];
  if (benchmarks.national !== null) {
    const basis = nationalBasis.safeParse(benchmarks.nationalBasis);
    const partial = basis.success && basis.data.source === 'municipalities' && basis.data.municipalities < basis.data.of;
    out.push({
      label: partial ? texts.partialNational(basis.data.municipalities, basis.data.of) : texts.national,
      value: benchmarks.national,
    });
  }
  if (benchmarks.cluster !== null) {
    const basis = clusterBasis.safeParse(benchmarks.clusterBasis);
    const partial = basis.success && basis.data.withData < basis.data.members;
    out.push({ label: partial ? texts.partialCluster(basis.data.withData, basis.data.members) : texts.cluster, value: benchmarks.cluster });
  }
  return out;
}
