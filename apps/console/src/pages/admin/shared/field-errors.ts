import { ServiceRejection } from '../../../services/service-errors';

/**
 * A service's 4xx as form errors: each problem next to the field it names (`teamsWebhookUrl`,
 * `recipientIds.0` → `recipientIds`), the rest and the service's message at the top under `form`.
 * Anything else (a 5xx, an outage) is rethrown for the error page.
 */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): Record<string, string> {
  if (!(error instanceof ServiceRejection)) throw error;
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of error.errors) {
    const path = problem.field ?? problem.path ?? '';
    const name = path.split('.')[0];
    const message = problem.reason ?? problem.message ?? error.message;
    if (fields.includes(name)) errors[name] ??= message;
    else others.push(path ? `${path}: ${message}` : message);
  }
  if (others.length || Object.keys(errors).length === 0)
    errors.form = others.length ? `${error.message} (${others.join('; ')})` : error.message;
  return errors;
}

/** A posted form field as text ('' when missing; the first when repeated). */
export function textField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A posted multi-value field (checkboxes) as a list. */
export function listField(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}
