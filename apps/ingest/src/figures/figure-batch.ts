import { z } from 'zod';
import { FigureInput } from '@pejling/domain-figures';
import { controlCharacters, unknownFields } from '@pejling/platform';
import { checkFigure, FirstRowOfKey } from './figure-rows';

export const MAX_BATCH_ROWS = 10_000;

const rowSchema = z.object({
  municipality: z.string({ error: 'is required and must be a string' }),
  series: z.string({ error: 'is required and must be a string' }),
  period: z.string({ error: 'is required and must be a string' }),
  value: z.number({ error: 'is required and must be a number' }),
  unit: z.string({ error: 'is required and must be a string' }),
  source: z.string({ error: 'is required and must be a string' }),
  sourceUpdatedAt: z.string({ error: 'must be a string (ISO 8601)' }).nullish(),
});

export interface RowError {
  /** 1-based row number within the batch, as an analyst counts. */
  row: number;
  /** JSON path of the offending value. */
  path: string;
  field: string;
  reason: string;
}

export type BatchCheck = { ok: true; figures: FigureInput[] } | { ok: false; status: 400 | 422; message: string; errors: RowError[] };

/**
 * Checks a whole batch and reports every bad row and field at once; the batch is accepted only
 * if every row is valid (all-or-nothing). Periods are normalised (`2021M07` → `2021-07`).
 */
export function checkFigureBatch(body: unknown, now: Date): BatchCheck {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { figures?: unknown }).figures)) {
    return badRequest('The body must be a JSON object with a "figures" array.');
  }
  const unknown = Object.keys(body).filter((key) => key !== 'figures');
  if (unknown.length > 0)
    return badRequest(`The body has fields Pejling does not know: ${unknown.slice(0, 10).join(', ')} (only "figures").`);
  const rows = (body as { figures: unknown[] }).figures;
  if (rows.length === 0) return badRequest('"figures" is empty: send at least one figure.');
  if (rows.length > MAX_BATCH_ROWS)
    return badRequest(`"figures" has ${rows.length} rows; at most ${MAX_BATCH_ROWS} per batch (use CSV import for more).`);

  const errors: RowError[] = [];
  const figures: FigureInput[] = [];
  const firstRows = new FirstRowOfKey();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const at = (field: string, reason: string) => errors.push({ row, path: `figures[${index}].${field}`, field, reason });
    const shape = rowSchema.safeParse(raw);
    if (!shape.success) {
      for (const issue of shape.error.issues) at(String(issue.path[0] ?? '(row)'), issue.message);
      return;
    }
    const strict = [...unknownFields(rowSchema, raw), ...controlCharacters(raw)];
    if (strict.length > 0) {
      for (const problem of strict) at(problem.field, problem.reason);
      return;
    }
    const checked = checkFigure({ ...shape.data, source: shape.data.source.trim() }, now);
    if (!checked.ok) {
      for (const error of checked.problems) at(error.field, error.reason);
      return;
    }
    const first = firstRows.duplicateOf(checked.figure, row);
    if (first !== undefined) return at('period', `duplicates row ${first} (same source, series, municipality and period)`);
    figures.push(checked.figure);
  });
  if (errors.length > 0) {
    const badRows = new Set(errors.map((error) => error.row)).size;
    return {
      ok: false,
      status: 422,
      message: `Batch rejected: ${badRows} of ${rows.length} rows are invalid; nothing was stored.`,
      errors,
    };
  }
  return { ok: true, figures };
}

function badRequest(message: string): BatchCheck {
  return { ok: false, status: 400, message, errors: [] };
}
