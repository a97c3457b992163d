import { EpisodeKind } from '../episodes';
import { Language } from '../types';

/** Every fixed phrase of the messages, in Danish and English (i18n in the open core). */
const T = {
  da: {
    opened: {
      breach: 'Mål brudt',
      at_risk: 'Mål i risiko',
      recovery: 'Mål opfyldt igen',
      stale: 'Forældede data',
      data_quality: 'Problem med datakvaliteten',
      correction: 'Rettelse',
    },
    reminder: (n: number, kind: EpisodeKind) =>
      `Påmindelse ${n}: ${kind === 'breach' ? 'målet er stadig brudt' : 'målet er stadig i risiko'}`,
    recovered: 'Mål opfyldt igen',
    corrected: 'Rettelse',
    states: {
      met: 'opfyldt',
      at_risk: 'i risiko',
      breached: 'brudt',
      no_data: 'uden tal',
      stale: 'forældet',
      not_applicable: 'gælder ikke',
      pending: 'afventer',
    } as Record<string, string>,
    correctedWas: (period: string, was: string) =>
      `Vi meldte tidligere, at målet var ${was} i ${period}. Det er rettet, fordi tallene er kommet eller ændret:`,
    correctedNow: (period: string, state: string) => `Målet er nu ${state} (${period}).`,
    acknowledged: 'Kvitteret',
    endpointDisabled: 'Webhook deaktiveret',
    digest: 'Åben',
    goal: 'Mål',
    plan: 'Plan',
    municipality: 'Kommune',
    period: 'Periode',
    value: 'Værdi',
    target: 'Målsætning',
    severity: 'Alvor',
    severities: { critical: 'kritisk', major: 'væsentlig', minor: 'mindre' },
    trend: (n: number) => `Udvikling, seneste ${n} perioder`,
    openGoal: 'Åbn målet',
    acknowledge: 'Kvittér og skriv, hvad der gøres',
    acknowledgedBy: (by: string, at: string) => `Kvitteret af ${by} ${at}`,
    openSince: (at: string) => `Åben siden ${at}`,
    groupSubject: (n: number, place: string) => `Pejling: ${n} meddelelser om ${place}`,
    digestSubject: (n: number, changes: number) =>
      `Pejling-oversigt: ${n} ${n === 1 ? 'åben sag' : 'åbne sager'}, ${changes} ${changes === 1 ? 'ændring' : 'ændringer'}`,
    digestEmpty: 'Ingen åbne sager.',
    more: (n: number) => `… og ${n} mere`,
    footer: 'Sendt af Pejling. Svar ikke på denne mail; kvittér via linket.',
  },
  en: {
    opened: {
      breach: 'Goal breached',
      at_risk: 'Goal at risk',
      recovery: 'Goal met again',
      stale: 'Stale data',
      data_quality: 'Data-quality problem',
      correction: 'Correction',
    },
    reminder: (n: number, kind: EpisodeKind) =>
      `Reminder ${n}: ${kind === 'breach' ? 'the goal is still breached' : 'the goal is still at risk'}`,
    recovered: 'Goal met again',
    corrected: 'Correction',
    states: {
      met: 'met',
      at_risk: 'at risk',
      breached: 'breached',
      no_data: 'without figures',
      stale: 'stale',
      not_applicable: 'not applicable',
      pending: 'pending',
    } as Record<string, string>,
    correctedWas: (period: string, was: string) =>
      `We said earlier that the goal was ${was} in ${period}. That is corrected, because figures have arrived or changed:`,
    correctedNow: (period: string, state: string) => `The goal is now ${state} (${period}).`,
    acknowledged: 'Acknowledged',
    endpointDisabled: 'Webhook disabled',
    digest: 'Open',
    goal: 'Goal',
    plan: 'Plan',
    municipality: 'Municipality',
    period: 'Period',
    value: 'Value',
    target: 'Target',
    severity: 'Severity',
    severities: { critical: 'critical', major: 'major', minor: 'minor' },
    trend: (n: number) => `Trend, last ${n} periods`,
    openGoal: 'Open the goal',
    acknowledge: 'Acknowledge and say what is being done',
    acknowledgedBy: (by: string, at: string) => `Acknowledged by ${by} ${at}`,
    openSince: (at: string) => `Open since ${at}`,
    groupSubject: (n: number, place: string) => `Pejling: ${n} notifications about ${place}`,
    digestSubject: (n: number, changes: number) =>
      `Pejling digest: ${n} open ${n === 1 ? 'issue' : 'issues'}, ${changes} ${changes === 1 ? 'change' : 'changes'}`,
    digestEmpty: 'Nothing is open.',
    more: (n: number) => `… and ${n} more`,
    footer: 'Sent by Pejling. Do not reply; acknowledge through the link.',
  },
} as const;

export function texts(language: Language) {
  return T[language];
}
