import { AlertFacts, AlertKind, Recipient, Severity } from './types';

/**
 * A routing rule adds recipients to alerts it matches. Every matcher left null (or an empty list)
 * matches anything; all given matchers must match. Rules add to a goal's owners, never remove them.
 */
export interface RoutingRule {
  id: string;
  planId: string | null;
  municipality: string | null;
  focusArea: string | null;
  goalId: string | null;
  severities: readonly Severity[];
  kinds: readonly AlertKind[];
  recipientIds: readonly string[];
  enabled: boolean;
}

export function ruleMatches(rule: RoutingRule, alert: AlertFacts): boolean {
  if (!rule.enabled) return false;
  if (rule.planId !== null && rule.planId !== alert.planId) return false;
  if (rule.municipality !== null && rule.municipality !== alert.municipality) return false;
  if (rule.focusArea !== null && rule.focusArea !== alert.focusArea) return false;
  if (rule.goalId !== null && rule.goalId !== alert.goalId) return false;
  if (rule.severities.length > 0 && (alert.severity === null || !rule.severities.includes(alert.severity))) return false;
  if (rule.kinds.length > 0 && !rule.kinds.includes(alert.kind)) return false;
  return true;
}

/**
 * Who receives an alert: the goal's owners first, then the recipients of every matching rule, in
 * rule order. A person is listed once, and a channel target (an inbox, a webhook URL) is used once
 * even if two recipients share it, so nobody gets the same alert twice. Recipients without a
 * channel left are dropped.
 */
export function resolveRecipients(
  owners: readonly Recipient[],
  rules: readonly RoutingRule[],
  recipients: ReadonlyMap<string, Recipient>,
  alert: AlertFacts,
): Recipient[] {
  const candidates: Recipient[] = [...owners];
  for (const rule of rules) {
    if (!ruleMatches(rule, alert)) continue;
    for (const id of rule.recipientIds) {
      const recipient = recipients.get(id);
      if (recipient) candidates.push(recipient);
    }
  }
  const seenKeys = new Set<string>();
  const seenTargets = new Set<string>();
  const resolved: Recipient[] = [];
  for (const candidate of candidates) {
    if (seenKeys.has(candidate.key)) continue;
    seenKeys.add(candidate.key);
    const channels = candidate.channels.filter((channel) => {
      const target = `${channel.type}:${normaliseTarget(channel.type, channel.target)}`;
      if (seenTargets.has(target)) return false;
      seenTargets.add(target);
      return true;
    });
    if (channels.length > 0) resolved.push({ ...candidate, channels });
  }
  return resolved;
}

function normaliseTarget(type: string, target: string): string {
  return type === 'email' ? target.trim().toLowerCase() : target.trim();
}
