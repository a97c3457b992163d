/** What an alert is about: the transition types owners and routing rules know. */
export const ALERT_KINDS = ['breach', 'at_risk', 'recovery', 'stale', 'data_quality', 'correction'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const CHANNEL_KINDS = ['email', 'webhook', 'teams', 'slack'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type Severity = 'critical' | 'major' | 'minor';
export type Language = 'da' | 'en';

export interface Channel {
  type: ChannelKind;
  target: string;
}

/** A person or team that receives alerts: a goal's owner (key `owner:<id>`) or a recipient of a routing rule (`recipient:<id>`). */
export interface Recipient {
  key: string;
  name: string;
  channels: Channel[];
  language: Language;
  timeZone: string;
}

/** The facts about an alert that routing rules and silences match on. */
export interface AlertFacts {
  kind: AlertKind;
  municipality: string;
  goalId: string | null;
  planId: string | null;
  focusArea: string | null;
  severity: Severity | null;
}
