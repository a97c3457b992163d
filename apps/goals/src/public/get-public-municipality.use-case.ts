import { Injectable } from '@nestjs/common';
import { findIndicator } from '@pejling/domain-indicators';
import { PublicPlansRepository } from './public-plans.repository';
import { publicMunicipality } from './public-municipality-name';
import { PublicGoal, PublicMunicipality } from './public-responses';
import { PublicGoalRow, PublicPlanDocument } from './public-rows';

/**
 * A municipality's public plans → focus areas → goals (in the plan's order) with their states, the
 * latest value against what was required, the benchmarks and the explanation. Nothing about people.
 */
@Injectable()
export class GetPublicMunicipality {
  constructor(private readonly plans: PublicPlansRepository) {}

  async run(code: string): Promise<PublicMunicipality> {
    const plans = await this.plans.plans(code);
    const municipality = publicMunicipality(code, plans.length > 0);
    const goals = await this.plans.goals(code);
    return {
      municipality,
      plans: plans.map((plan) => ({
        id: plan.id,
        title: plan.document.title,
        years: plan.document.years,
        focusAreas: plan.document.focusAreas.map((area) => ({
          id: area.id,
          title: area.title,
          // The plan's order; a goal the document lists but goals has not stored (none should be) is left out.
          goals: area.goals.flatMap((listed) => {
            const goal = goals.find((row) => row.planId === plan.id && row.focusArea === area.id && row.planGoalId === listed.id);
            return goal ? [publicGoal(goal, plan.document)] : [];
          }),
        })),
      })),
    };
  }
}

function publicGoal(row: PublicGoalRow, document: PublicPlanDocument): PublicGoal {
  const declared = document.indicators.find((indicator) => indicator.id === row.indicator);
  const known = findIndicator(row.indicator);
  return {
    id: row.id,
    planGoalId: row.planGoalId,
    text: row.text,
    indicator: {
      id: row.indicator,
      label: { da: declared?.labelDa ?? known?.labelDa ?? row.indicator, en: declared?.labelEn ?? known?.labelEn ?? row.indicator },
      unit: declared?.unit ?? known?.unit ?? null,
    },
    rule: row.rule,
    direction: row.direction,
    evaluationPeriod: row.evaluationPeriod,
    state: row.state,
    statePeriod: row.statePeriod,
    stateSince: row.stateSince,
    value: row.value,
    required: row.required,
    benchmarks: row.benchmarks ?? { national: null, cluster: null, nationalBasis: null, clusterBasis: null },
    explanation:
      row.explanation ??
      notYetJudged(declared?.labelDa ?? known?.labelDa ?? row.indicator, declared?.labelEn ?? known?.labelEn ?? row.indicator),
  };
}

/** A goal never evaluated still says why it has no state (as GET /v1/goals does). */
function notYetJudged(labelDa: string, labelEn: string): { da: string; en: string } {
  return {
    da: `Der er endnu ingen tal for ${labelDa}; målet vurderes, når tallene kommer.`,
    en: `There are no figures for ${labelEn} yet; the goal is judged when they arrive.`,
  };
}
