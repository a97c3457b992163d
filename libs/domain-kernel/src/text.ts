/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls (U+0080–U+009F, what a
 * Windows-1252 file read as Latin-1 leaves behind). None belongs in a name, a label or a note.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In one-line values (a CSV cell, a code, a name) line breaks and tabs are control characters too. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

/** Why the text is refused (`contains a control character (U+0007)`), or undefined when it has none. */
export function controlCharacterIn(text: string, options: { singleLine?: boolean } = {}): string | undefined {
  const found = (options.singleLine ? CONTROL_IN_LINE : CONTROL).exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `contains a control character (U+${code}) at position ${found.index + 1}`;
}
