import { controlCharacterIn } from '@pejling/domain-kernel';

export interface InputProblem {
  field: string;
  reason: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Fields of the input that its parsed form dropped: zod's objects strip keys they do not know, so
 * a misspelt `tresholdPercent` would be ignored in silence. Walks input and output side by side;
 * a key present in an input object but not in the output object at the same place is unknown.
 */
export function unknownFields(input: unknown, output: unknown, path = ''): InputProblem[] {
  if (Array.isArray(input) && Array.isArray(output) && input.length === output.length)
    return input.flatMap((item, index) => unknownFields(item, output[index], join(path, index)));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? unknownFields(input[key], output[key], join(path, key))
      : [{ field: join(path, key), reason: 'is not a known field' }],
  );
}

/** Strings (values and keys) of the input holding control characters; tabs and line breaks are allowed in values. */
export function controlCharacters(input: unknown, path = ''): InputProblem[] {
  if (typeof input === 'string') {
    const reason = controlCharacterIn(input);
    return reason ? [{ field: path || '(body)', reason }] : [];
  }
  if (Array.isArray(input)) return input.flatMap((item, index) => controlCharacters(item, join(path, index)));
  if (typeof input !== 'object' || input === null) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    const inKey = controlCharacterIn(key, { singleLine: true });
    return inKey ? [{ field: join(path, visibleKey(key)), reason: `the field name ${inKey}` }] : controlCharacters(value, join(path, key));
  });
}

/** A field name with its control characters shown as `?`, so the error message itself stays printable. */
function visibleKey(key: string): string {
  return [...key].map((char) => (controlCharacterIn(char, { singleLine: true }) ? '?' : char)).join('');
}
