import { textField } from '../shared/field-errors';
import { URL_FIELDS } from './contacts.schema';

/**
 * The service body of a contact form. URL fields: a new value replaces the stored URL, the
 * "remove" box clears it, and an empty field keeps it (on create: no URL). Empty text fields
 * are null on edit (cleared) and left out on create.
 */
export function contactBody(body: unknown, fields: readonly string[], mode: 'create' | 'edit'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    const value = textField(body, name);
    if ((URL_FIELDS as readonly string[]).includes(name)) {
      if (textField(body, `remove_${name}`) === '1' && !value) out[name] = null;
      else if (value) out[name] = value;
    } else if (name === 'digestHour') {
      if (value) out[name] = /^\d{1,2}$/.test(value) ? Number(value) : value;
    } else if (value) out[name] = value;
    else if (mode === 'edit' && name === 'email') out[name] = null;
  }
  return out;
}

/** What the form shows again after a rejected post: the typed text, never a URL (those are retyped). */
export function formValues(body: unknown, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    fields.filter((name) => !(URL_FIELDS as readonly string[]).includes(name)).map((name) => [name, textField(body, name)]),
  );
}

/**
 * URL fields the console can already tell are not absolute http(s) URLs (said in the reader's
 * language; the service checks again, e.g. for credentials in the URL).
 */
export function urlErrors(body: unknown, fields: readonly string[], message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of fields) {
    if (!(URL_FIELDS as readonly string[]).includes(name)) continue;
    const value = textField(body, name);
    if (value && !isHttpUrl(value)) errors[name] = message;
  }
  return errors;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
