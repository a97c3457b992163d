import { z } from 'zod';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Parses a posted form with its zod schema. Errors are keyed by field (the form shows each next to
 * its field and in a summary at the top), with the messages the schema gives in the reader's language.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      if (typeof value === 'string' && key !== '_csrf' && !/password/i.test(key)) values[key] = value;
  }
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** A local path to return to after sign-in (never another site: `//evil` and `/\evil` are refused). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** Form fields arrive as strings; an empty one means "not given". */
export const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value),
  z.string().optional(),
);
