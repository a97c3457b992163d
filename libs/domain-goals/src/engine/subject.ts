/**
 * What an indicator measures, for the subject of a sentence:
 * - `benefit`: a catalogue share of the population on a benefit ("Andelen på Sygedagpenge mv.", "The share of people on sickness benefit etc.");
 * - `measure`: a plan's own percentage, labelled by who is counted ("Virksomheder tilfredse med servicen") or by the rate itself ("Fleksjobledighed");
 * - `count`: a number of things ("Antal inspirationsmøder …", "The number of inspiration meetings …").
 */
export type SubjectKind = 'benefit' | 'measure' | 'count';

export interface SubjectLabels {
  indicatorDa: string;
  indicatorEn: string;
  /** Percentages, changes of a share in percentage points (`pp`), or counts. */
  unit: 'percent' | 'pp' | 'count';
  /** A percentage a plan declares (`measure`) rather than a catalogue share; counts are always `count`. */
  subject?: 'benefit' | 'measure';
  /** A derived indicator's own subject ("Ændringen i andelen på … over 12 måneder"), used as it is. */
  subjectDa?: string;
  subjectEn?: string;
}

export function subjectKind(labels: SubjectLabels): SubjectKind {
  return labels.unit === 'count' ? 'count' : (labels.subject ?? 'benefit');
}

/** The subject phrase of an explanation: "Andelen på A-dagpenge", "The number of new job orders per month", "The appeal reversal rate". */
export function subjectPhrase(lang: 'da' | 'en', labels: SubjectLabels): string {
  const own = lang === 'da' ? labels.subjectDa : labels.subjectEn;
  if (own) return own;
  const label = lang === 'da' ? labels.indicatorDa : labels.indicatorEn;
  switch (subjectKind(labels)) {
    case 'count':
      return lang === 'da' ? `Antal ${lowerFirst(label)}` : `The number of ${lowerFirst(label)}`;
    case 'benefit':
      return lang === 'da' ? `Andelen på ${label}` : `The share of people on ${lowerFirst(label)}`;
    case 'measure':
      return lang === 'da' ? measureDa(label) : measureEn(label);
  }
}

// A label that already names a share or a rate is its own subject; one that names who is counted gets "the share of".
function measureDa(label: string): string {
  return /(andel|pct\.|procent|grad\b|ledighed)/i.test(label) ? label : `Andelen af ${lowerFirst(label)}`;
}

function measureEn(label: string): string {
  if (/^share\b/i.test(label) || /\brate$/i.test(label)) return `The ${lowerFirst(label)}`;
  return /\b(share|rate|percentage)\b/i.test(label) ? label : `The share of ${lowerFirst(label)}`;
}

/** "Sickness benefit etc." → "sickness benefit etc.", but "A-dagpenge", "UI recipients" and "IPS" keep their capitals. */
export function lowerFirst(label: string): string {
  const word = /^[^\s-]+/.exec(label)?.[0] ?? '';
  if (word.length <= 1 || /[A-ZÆØÅ]/.test(word.slice(1))) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
