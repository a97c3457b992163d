import { z } from 'zod';
import { duplicateKeys, jsonDepth } from './duplicate-keys';
import { controlCharacters, unknownFields } from './strict-input';
import { validateBody } from './validate-body';

describe('strict request bodies', () => {
  const goal = z.object({
    name: z.string(),
    threshold: z.object({ percent: z.number() }).optional(),
    tags: z.array(z.object({ id: z.string() })).default([]),
  });

  it('names fields the schema does not know, at any depth, and not the ones it fills in', () => {
    const input = { name: 'a', nmae: 'b', threshold: { percent: 1, percnet: 2 }, tags: [{ id: 'x' }, { id: 'y', extra: true }] };
    expect(unknownFields(goal, input)).toEqual([
      { field: 'nmae', reason: 'is not a known field' },
      { field: 'threshold.percnet', reason: 'is not a known field' },
      { field: 'tags[1].extra', reason: 'is not a known field' },
    ]);
    expect(unknownFields(goal, { name: 'a' })).toEqual([]);
  });

  it('keeps the keys of records: they are data, not fields', () => {
    const schema = z.object({ labels: z.record(z.string(), z.string()) });
    const input = { labels: { anything: 'goes' } };
    expect(unknownFields(schema, input)).toEqual([]);
  });

  it('reads through transforms that rename fields, refinements, unions and catch-alls', () => {
    const threshold = z
      .object({ comparator: z.string(), target: z.number() })
      .superRefine(() => undefined)
      .transform(({ comparator, target }) => ({ rule: { comparator, target } }));
    expect(unknownFields(threshold, { comparator: 'lte', target: 1 })).toEqual([]);
    expect(unknownFields(threshold, { comparator: 'lte', target: 1, taget: 2 })).toEqual([
      { field: 'taget', reason: 'is not a known field' },
    ]);
    const either = z.union([z.object({ kind: z.literal('a'), x: z.number() }), z.object({ kind: z.literal('b'), y: z.number() })]);
    expect(unknownFields(either, { kind: 'b', y: 1, z: 2 })).toEqual([{ field: 'z', reason: 'is not a known field' }]);
    expect(unknownFields(z.looseObject({ a: z.number() }), { a: 1, b: 2 })).toEqual([]);
    expect(unknownFields(z.object({ list: z.array(z.object({ a: z.number() })).optional() }), { list: [{ a: 1, b: 2 }] })).toEqual([
      { field: 'list[0].b', reason: 'is not a known field' },
    ]);
  });

  it('names control characters in values and keys, allowing tabs and line breaks in values', () => {
    expect(controlCharacters({ note: 'line\nline\tok', name: 'a\u0000b', list: ['\u0007'], 'k\u0001': 1 })).toEqual([
      { field: 'name', reason: 'contains a control character (U+0000) at position 2' },
      { field: 'list[0]', reason: 'contains a control character (U+0007) at position 1' },
      { field: 'k?', reason: 'the field name contains a control character (U+0001) at position 2' },
    ]);
  });

  it('validateBody refuses unknown fields and control characters with a 422 naming them', () => {
    expect(() => validateBody(goal, { name: 'a', colour: 'red' }, 'goal')).toThrow(/Invalid goal: colour is not a known field/);
    expect(() => validateBody(goal, { name: 'a\u001b' }, 'goal')).toThrow(/name contains a control character \(U\+001B\)/);
    expect(validateBody(goal, { name: 'a' }, 'goal')).toEqual({ name: 'a', tags: [] });
  });

  it('finds keys given twice in one object, with their path', () => {
    expect(duplicateKeys('{"figures":[{"value":1,"unit":"x","value":2}],"figures":[]}')).toEqual(['figures[0].value', 'figures']);
    expect(duplicateKeys('{"a":{"b":1},"c":{"b":2}}')).toEqual([]);
    expect(duplicateKeys('not json')).toEqual([]);
  });

  it('compares keys decoded, and is not misled by braces, commas, colons or quotes inside strings', () => {
    expect(duplicateKeys('{"value":1,"\\u0076alue":2}')).toEqual(['value']);
    expect(duplicateKeys('{"a":"x\\",\\"a\\":{,}[","b":1}')).toEqual([]);
    expect(duplicateKeys('{"a":"}","a":"{"}')).toEqual(['a']);
    expect(duplicateKeys('[{"k":1},{"k":2},[{"x":1,"y":[{"z":1,"z":2}]}]]')).toEqual(['[2][0].y[0].z']);
    expect(duplicateKeys('{"figures":[1,2,{"v":1,"v":1}],"next":{"v":1}}')).toEqual(['figures[2].v']);
    expect(duplicateKeys('{ "a" : 1 , "b" : { "a" : 2 } , "a" : 3 }')).toEqual(['a']);
    expect(duplicateKeys('{"":1,"":2}')).toEqual(['']);
    expect(duplicateKeys('}]{"a":1,"a":2}')).toEqual([]);
  });

  it('measures nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":"[[[[\\"]]"}]}')).toBe(3);
    expect(jsonDepth('['.repeat(1000) + ']'.repeat(1000))).toBe(1000);
  });
});
