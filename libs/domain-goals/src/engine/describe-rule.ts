import { COMPARATOR_SYMBOL } from './comparator';
import { formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn } from '@pejling/domain-kernel';
import { GoalRule } from './rules';

/** The target of a goal in a few words, e.g. "≤ 1,8 %", "≥ 2" (a count) or "under klyngens gennemsnit". */
export function describeRule(rule: GoalRule, lang: 'da' | 'en', unit: 'percent' | 'count' = 'percent'): string {
  const da = lang === 'da';
  const num = (value: number, decimals = 1) => (da ? formatNumberDa(value, decimals) : formatNumberEn(value, decimals));
  const amount = (value: number) => (unit === 'percent' ? `${num(value)} %` : num(value, Number.isInteger(value) ? 0 : 1));
  const offset = (value: number) => (unit === 'percent' ? `${num(value)} ${da ? 'pct.-point' : 'percentage points'}` : amount(value));
  const month = (period: string) => (da ? formatPeriodDa(period) : formatPeriodEn(period));
  switch (rule.kind) {
    case 'threshold':
      return `${COMPARATOR_SYMBOL[rule.comparator]} ${amount(rule.target)}`;
    case 'benchmark': {
      const name =
        rule.benchmark === 'cluster'
          ? da
            ? 'klyngens gennemsnit'
            : 'the cluster average'
          : da
            ? 'landsgennemsnittet'
            : 'the national average';
      if (rule.offsetPp === 0) {
        const relation = {
          lt: da ? 'under' : 'below',
          lte: da ? 'højst' : 'at most',
          gt: da ? 'over' : 'above',
          gte: da ? 'mindst på niveau med' : 'at least',
        }[rule.comparator];
        return `${relation} ${name}`;
      }
      return da
        ? `forskel til ${name} ${COMPARATOR_SYMBOL[rule.comparator]} ${offset(rule.offsetPp)}`
        : `difference to ${name} ${COMPARATOR_SYMBOL[rule.comparator]} ${offset(rule.offsetPp)}`;
    }
    case 'rank':
      return da
        ? `plads ${rule.maxRank} eller bedre ${rule.within === 'cluster' ? 'i klyngen' : 'i landet'}`
        : `rank ${rule.maxRank} or better ${rule.within === 'cluster' ? 'in the cluster' : 'in the country'}`;
    case 'change_by_deadline':
      return da
        ? `ændring ${COMPARATOR_SYMBOL[rule.comparator]} ${num(rule.change, 0)} fra ${month(rule.baselinePeriod)} til ${month(rule.deadline)}`
        : `change ${COMPARATOR_SYMBOL[rule.comparator]} ${num(rule.change, 0)} from ${month(rule.baselinePeriod)} to ${month(rule.deadline)}`;
    case 'cumulative_by_deadline':
      return da
        ? `${num(rule.target, 0)} i alt senest ${month(rule.deadline)}`
        : `${num(rule.target, 0)} in total by ${month(rule.deadline)}`;
    case 'cohort':
      return da
        ? `${COMPARATOR_SYMBOL[rule.comparator]} ${amount(rule.target)} efter ${rule.maturityMonths} måneder`
        : `${COMPARATOR_SYMBOL[rule.comparator]} ${amount(rule.target)} after ${rule.maturityMonths} months`;
  }
}
