/**
 * Channel targets (email addresses, webhook, Teams and Slack URLs) are personal data or credentials:
 * a Teams or Slack incoming-webhook URL lets whoever holds it post into the channel. Outside an
 * admin's view they are shown masked to their last 4 characters, enough to tell two apart.
 */
export const MASK_VISIBLE_CHARACTERS = 4;

export function maskTarget(target: string): string;
export function maskTarget(target: string | null): string | null;
export function maskTarget(target: string | null): string | null {
  if (target === null) return null;
  if (target.length <= MASK_VISIBLE_CHARACTERS) return '…';
  return `…${target.slice(-MASK_VISIBLE_CHARACTERS)}`;
}

/** Masks the given fields of an object (those present and non-null). */
export function maskFields<T extends object>(value: T, fields: readonly (keyof T)[]): T {
  const masked = { ...value };
  for (const field of fields) {
    const current = masked[field];
    if (typeof current === 'string') masked[field] = maskTarget(current) as T[keyof T];
  }
  return masked;
}

/** Every channel of a list with its target masked. */
export function maskChannels<C extends { target: string }>(channels: readonly C[]): C[] {
  return channels.map((channel) => ({ ...channel, target: maskTarget(channel.target) }));
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Free text (an error from an SMTP server or an HTTP client) with every URL cut to its scheme and
 * host and every email address masked, so a reason can be shown and published without the secret
 * in a Teams/Slack URL's path or the address it failed for.
 */
export function scrubText(text: string): string {
  return text
    .replace(URL_PATTERN, (url) => {
      try {
        const parsed = new URL(url);
        return `${parsed.protocol}//${parsed.host}/…`;
      } catch {
        return '…';
      }
    })
    .replace(EMAIL_PATTERN, (email) => maskTarget(email));
}
