import { ClusterBasis, clusterLabel, NationalBasis, nationalLabel } from '@pejling/domain-indicators';
import { describeRule, GoalRule } from '@pejling/domain-goals';
import { findMunicipality, formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn } from '@pejling/domain-kernel';
import { EpisodeKind } from '../episodes';
import { unicodeSparkline } from '../sparkline';
import { AlertKind, Language, Severity } from '../types';
import { localParts } from '../time-zones';
import { texts } from './messages';

export { texts };

export type ItemStep = 'opened' | 'reminder' | 'recovered' | 'corrected' | 'acknowledged' | 'notice' | 'endpoint-disabled' | 'digest';

/** One thing a message tells its recipient: an alert, a reminder, a recovery, an acknowledgement, a notice. */
export interface NotificationItem {
  step: ItemStep;
  kind: AlertKind;
  reminderNumber?: number;
  municipality: string;
  period: string | null;
  severity: Severity | null;
  goal: {
    id: string;
    name: string;
    planGoalId: string | null;
    text: string | null;
    planName: string | null;
    focusArea: string | null;
  } | null;
  value: number | null;
  unit: 'percent' | 'count';
  rule: GoalRule | null;
  /** With their bases when known: an average is called national only when it is one. */
  benchmarks: { national: number | null; cluster: number | null; nationalBasis?: NationalBasis | null; clusterBasis?: ClusterBasis | null };
  indicatorLabel: { da: string; en: string } | null;
  explanation: { da: string; en: string };
  trend: { period: string; value: number }[];
  links: { goal: string | null; acknowledge: string | null };
  episode: { id: string; kind: EpisodeKind; openedAt: string } | null;
  acknowledgement: { by: string; note: string; at: string } | null;
  /** For data-quality notices and disabled endpoints: what the notice is about (a series, a table, an endpoint). */
  subject?: string;
  /** For a correction: the state owners were told for the period, and the goal's state as of its latest period. */
  correction?: { wasState: string; current: { period: string; state: string } };
}

export interface RenderOptions {
  language: Language;
  timeZone: string;
  /** A digest: the period it covers, e.g. `daily:2026-11-23`. */
  digest?: { slot: string; changes: number };
}

export type Tone = 'bad' | 'warning' | 'good' | 'neutral';

/** The coloured tone of an item: red for breaches, amber for risks and data problems, green for recoveries. */
export function toneOf(item: NotificationItem): Tone {
  if (item.correction)
    return item.correction.current.state === 'breached' ? 'bad' : item.correction.current.state === 'met' ? 'good' : 'warning';
  if (item.step === 'recovered' || item.kind === 'recovery') return 'good';
  if (item.step === 'acknowledged' || item.step === 'digest') return 'neutral';
  return item.kind === 'breach' ? 'bad' : 'warning';
}

export function headline(item: NotificationItem, language: Language): string {
  const t = texts(language);
  switch (item.step) {
    case 'opened':
    case 'notice':
      return t.opened[item.kind];
    case 'reminder':
      return t.reminder(item.reminderNumber ?? 1, item.episode?.kind ?? 'breach');
    case 'recovered':
      return t.recovered;
    case 'corrected':
      return t.corrected;
    case 'acknowledged':
      return t.acknowledged;
    case 'endpoint-disabled':
      return t.endpointDisabled;
    case 'digest':
      return `${t.digest}: ${t.opened[item.episode?.kind ?? item.kind]}`;
  }
}

/** The goal as printed in the plan (`Mål E: Sygedagpengeområdet …`), else its name; or what a notice is about. */
export function title(item: NotificationItem): string {
  if (item.goal) return item.goal.planGoalId && item.goal.text ? `${item.goal.planGoalId}: ${item.goal.text}` : item.goal.name;
  return item.subject ?? '';
}

export function municipalityName(code: string, language: Language = 'da'): string {
  if (code === '000') return language === 'da' ? 'hele landet' : 'the whole country';
  return findMunicipality(code)?.name ?? code;
}

export function formatValue(value: number, unit: 'percent' | 'count', language: Language): string {
  const format = language === 'da' ? formatNumberDa : formatNumberEn;
  return unit === 'percent' ? `${format(value, 2)} %` : format(value, Number.isInteger(value) ? 0 : 1);
}

export function formatPeriod(period: string, language: Language): string {
  return language === 'da' ? formatPeriodDa(period) : formatPeriodEn(period);
}

/** A moment in the recipient's time zone, e.g. `23.11.2026 14:05` (da) or `2026-11-23 14:05` (en). */
export function formatMoment(iso: string, language: Language, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return language === 'da'
    ? `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}`
    : `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The label/value pairs shown under an item. */
export function facts(item: NotificationItem, options: RenderOptions): [string, string][] {
  const t = texts(options.language);
  const rows: [string, string][] = [];
  if (item.goal?.planName) rows.push([t.plan, [item.goal.planName, item.goal.focusArea].filter(Boolean).join(' · ')]);
  rows.push([t.municipality, `${municipalityName(item.municipality, options.language)} (${item.municipality})`]);
  if (item.period) rows.push([t.period, formatPeriod(item.period, options.language)]);
  if (item.value !== null) rows.push([t.value, formatValue(item.value, item.unit, options.language)]);
  if (item.rule) rows.push([t.target, describeRule(item.rule, options.language, item.unit)]);
  if (item.benchmarks.cluster !== null)
    rows.push([
      clusterLabel(item.benchmarks.clusterBasis, options.language),
      formatValue(item.benchmarks.cluster, item.unit, options.language),
    ]);
  if (item.benchmarks.national !== null)
    rows.push([
      nationalLabel(item.benchmarks.nationalBasis, options.language),
      formatValue(item.benchmarks.national, item.unit, options.language),
    ]);
  if (item.severity && item.step !== 'acknowledged') rows.push([t.severity, t.severities[item.severity]]);
  return rows;
}

/** `▁▂▃▅▇ 1,70 % → 1,88 %`: the trend in one line of text. */
export function trendLine(item: NotificationItem, language: Language): string | null {
  if (item.trend.length < 2) return null;
  const values = item.trend.map((point) => point.value);
  const first = formatValue(values[0], item.unit, language);
  const last = formatValue(values[values.length - 1], item.unit, language);
  return `${unicodeSparkline(values)}  ${first} → ${last}`;
}

export function acknowledgementLine(item: NotificationItem, options: RenderOptions): string | null {
  if (!item.acknowledgement) return null;
  const at = formatMoment(item.acknowledgement.at, options.language, options.timeZone);
  return `${texts(options.language).acknowledgedBy(item.acknowledgement.by, at)}: “${item.acknowledgement.note}”`;
}

export function explanationOf(item: NotificationItem, language: Language): string {
  if (!item.correction) return item.explanation[language];
  // A correction says what was said, what is true for the period now, and where the goal stands.
  const t = texts(language);
  const stateWord = (state: string) => t.states[state] ?? state;
  const period = item.period ? formatPeriod(item.period, language) : '';
  const current = t.correctedNow(formatPeriod(item.correction.current.period, language), stateWord(item.correction.current.state));
  return `${t.correctedWas(period, stateWord(item.correction.wasState))} ${item.explanation[language]} ${current}`;
}

/** The subject line: one item says what happened to which goal; several say how many and where. */
export function subjectOf(items: readonly NotificationItem[], options: RenderOptions): string {
  const t = texts(options.language);
  if (options.digest) return t.digestSubject(items.length, options.digest.changes);
  if (items.length === 1) {
    const item = items[0];
    const where = [municipalityName(item.municipality, options.language), item.period].filter(Boolean).join(', ');
    const name = item.goal?.name ?? item.subject ?? '';
    return `${headline(item, options.language)}: ${name} (${where})`;
  }
  const places = [...new Set(items.map((item) => municipalityName(item.municipality, options.language)))].join(', ');
  const counts = new Map<string, number>();
  for (const item of items) counts.set(headline(item, options.language), (counts.get(headline(item, options.language)) ?? 0) + 1);
  const breakdown = [...counts].map(([label, n]) => `${n} × ${label.toLowerCase()}`).join(', ');
  return `${t.groupSubject(items.length, places)} (${breakdown})`;
}
