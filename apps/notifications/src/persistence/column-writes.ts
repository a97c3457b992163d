/**
 * The INSERT and UPDATE of a row from an API's camelCase fields, for tables whose writable columns
 * are a fixed map (`columns`, so no field name ever reaches the SQL). Fields left undefined are
 * not written: an insert leaves them to the column defaults, an update leaves them as they are.
 */
export type ColumnMap = Readonly<Record<string, string>>;

function written(columns: ColumnMap, fields: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const column = columns[key];
      if (!column) throw new Error(`No column for field ${key}.`);
      return [column, value];
    });
}

/** `INSERT … RETURNING <returning>` and its parameters. */
export function insertOf(
  table: string,
  columns: ColumnMap,
  fields: Readonly<Record<string, unknown>>,
  returning: string,
): [string, unknown[]] {
  const entries = written(columns, fields);
  return [
    `INSERT INTO ${table} (${entries.map(([column]) => column).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${returning}`,
    entries.map(([, value]) => value),
  ];
}

/** `UPDATE … WHERE id = $1 RETURNING <returning>` of the given fields (and `updated_at`), and its parameters. */
export function updateOf(
  table: string,
  columns: ColumnMap,
  id: string,
  fields: Readonly<Record<string, unknown>>,
  returning: string,
): [string, unknown[]] {
  const entries = written(columns, fields);
  return [
    `UPDATE ${table} SET ${entries.map(([column], i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${returning}`,
    [id, ...entries.map(([, value]) => value)],
  ];
}
