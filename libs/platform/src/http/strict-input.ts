import { z } from 'zod';
import { controlCharacterIn } from '@pejling/domain-kernel';

export interface InputProblem {
  field: string;
  reason: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The parts of zod 4's schema definitions the walk reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
  items?: z.ZodType[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/**
 * Fields of the input that the schema does not declare: zod's objects strip keys they do not
 * know, so a misspelt `tresholdPercent` would be ignored in silence. Walks the schema beside the
 * input (through optional, default, pipes and transforms, arrays, records and the union member
 * that accepts the value); an object with a catch-all takes any key.
 */
export function unknownFields(schema: z.ZodType, input: unknown, path = ''): InputProblem[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(input) || !def.shape) return [];
      const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
      return Object.keys(input).flatMap((key) => {
        const field = def.shape?.[key];
        if (field) return unknownFields(field, input[key], join(path, key));
        return open ? [] : [{ field: join(path, key), reason: 'is not a known field' }];
      });
    }
    case 'array': {
      const element = def.element;
      return Array.isArray(input) && element ? input.flatMap((item, index) => unknownFields(element, item, join(path, index))) : [];
    }
    case 'tuple':
      return Array.isArray(input) && def.items
        ? def.items.flatMap((item, index) => unknownFields(item, input[index], join(path, index)))
        : [];
    case 'record': {
      const valueType = def.valueType;
      return isPlainObject(input) && valueType
        ? Object.entries(input).flatMap(([key, value]) => unknownFields(valueType, value, join(path, key)))
        : [];
    }
    case 'union': {
      const accepting = def.options?.find((option) => option.safeParse(input).success);
      return accepting ? unknownFields(accepting, input, path) : [];
    }
    case 'intersection':
      return []; // each side would call the other's fields unknown
    case 'pipe':
      return def.in ? unknownFields(def.in, input, path) : [];
    case 'lazy':
      return def.getter ? unknownFields(def.getter(), input, path) : [];
    default:
      return def.innerType ? unknownFields(def.innerType, input, path) : [];
  }
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
