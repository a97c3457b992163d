/** A notice named in the query after a redirect (`?notice=saved`): only known names are shown. */
export function noticeOf(texts: Record<string, string>, notice: unknown): string | undefined {
  return typeof notice === 'string' && Object.prototype.hasOwnProperty.call(texts, notice) ? texts[notice] : undefined;
}
