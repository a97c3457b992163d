/**
 * Turns `:name` placeholders into `$1…$n` with the values in that order, so a long statement is
 * written (and reviewed) by field name instead of by position. A name used twice is one parameter;
 * a cast (`::jsonb`) is left alone. A placeholder without a value is a programming error.
 */
export function named(sql: string, values: Readonly<Record<string, unknown>>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-zA-Z_]\w*)/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`No value for the SQL parameter :${name}`);
    const known = order.indexOf(name);
    return `$${known >= 0 ? known + 1 : order.push(name)}`;
  });
  return [text, order.map((name) => values[name])];
}
