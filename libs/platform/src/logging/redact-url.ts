/** Query parameters whose values may be a channel target (an email address or webhook URL) or a secret. */
const SECRET_QUERY_PARAMETERS = new Set(['recipient', 'target', 'token', 'email', 'url', 'secret']);

/**
 * A request URL as it may be logged: the one-click acknowledgement routes carry a bearer token in
 * their path (`/v1/ack/<token>`), and some filters take a channel target as their value.
 */
export function redactRequestUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const [path, query] = url.split('?', 2);
  const safePath = path.replace(/^(\/v1\/ack)\/[^/]+/, '$1/[redacted]');
  if (query === undefined) return safePath;
  const params = query.split('&').map((pair) => {
    const [name] = pair.split('=', 1);
    return SECRET_QUERY_PARAMETERS.has(decodeURIComponent(name).toLowerCase()) ? `${name}=[redacted]` : pair;
  });
  return `${safePath}?${params.join('&')}`;
}
