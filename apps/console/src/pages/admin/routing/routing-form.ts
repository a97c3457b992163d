import { listField, textField } from '../shared/field-errors';
import type { RoutingRule } from './routing.schema';

/** The service body of a routing-rule form: empty matchers are null (match all), unchecked lists []. */
export function routingBody(body: unknown): Record<string, unknown> {
  const orNull = (name: string) => textField(body, name) || null;
  return {
    name: textField(body, 'name'),
    planId: orNull('planId'),
    municipality: orNull('municipality'),
    focusArea: orNull('focusArea'),
    goalId: orNull('goalId'),
    severities: listField(body, 'severities'),
    kinds: listField(body, 'kinds'),
    recipientIds: listField(body, 'recipientIds'),
    enabled: textField(body, 'enabled') === '1',
  };
}

/** The form's values: a posted form again, or a stored rule. */
export interface RoutingValues {
  name: string;
  planId: string;
  municipality: string;
  focusArea: string;
  goalId: string;
  severities: string[];
  kinds: string[];
  recipientIds: string[];
  enabled: boolean;
}

export function valuesOf(rule: RoutingRule | Record<string, unknown> | undefined): RoutingValues {
  const r = (rule ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : '');
  const list = (key: string) => (Array.isArray(r[key]) ? (r[key] as string[]) : []);
  return {
    name: text('name'),
    planId: text('planId'),
    municipality: text('municipality'),
    focusArea: text('focusArea'),
    goalId: text('goalId'),
    severities: list('severities'),
    kinds: list('kinds'),
    recipientIds: list('recipientIds'),
    enabled: rule ? r.enabled === true : true,
  };
}
