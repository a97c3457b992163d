export type NumberParse = { ok: true; value: number; percent: boolean } | { ok: false; reason: string };

/**
 * Numbers as analysts export them from Jobindsats and Excel: `.` groups thousands and `,` is the
 * decimal mark (`2.113`, `12,2`, `-21,5%`, `1.234.567,89`), with optional spaces, a Unicode minus
 * and a trailing `%`. A plain `2113.5` with one dot and no comma is ambiguous in Danish exports and
 * is rejected rather than guessed.
 */
export function parseDanishNumber(input: string): NumberParse {
  const text = input
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/[\s\u00a0]/g, '');
  if (text === '') return { ok: false, reason: 'is empty' };
  const percent = text.endsWith('%');
  const body = percent ? text.slice(0, -1) : text;
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(body)) {
    return { ok: false, reason: `'${input.trim()}' is not a number in Danish format (e.g. 2.113 or -21,5%)` };
  }
  const value = Number(body.replace(/\./g, '').replace(',', '.'));
  return { ok: true, value, percent };
}

/** Cells starting like a spreadsheet formula are refused, so an export cannot smuggle `=cmd|...` through Pejling. */
export function isFormulaInjection(cell: string): boolean {
  return /^[=+@\t\r]/.test(cell.trim()) || (/^-/.test(cell.trim()) && !parseDanishNumber(cell).ok && /[(!|]/.test(cell));
}
