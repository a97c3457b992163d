import { z } from 'zod';
import { EVENT_TYPES, EventType } from '../registry';
import { schemaPath } from '../cloudevents';

export type JsonSchema = Record<string, unknown>;

/** Every accepted version of every event type, in registry order. */
export function eventVersions(): { type: EventType; version: number; current: boolean; schema: z.ZodType }[] {
  return (Object.keys(EVENT_TYPES) as EventType[]).flatMap((type) => {
    const definition = EVENT_TYPES[type];
    const versions = definition.versions as Record<number, z.ZodType>;
    return Object.keys(versions)
      .map(Number)
      .sort((a, b) => a - b)
      .map((version) => ({ type, version, current: version === definition.current, schema: versions[version] }));
  });
}

/**
 * The published JSON Schema of one payload version, from the same zod schema consumers validate
 * with (draft-07, which AsyncAPI's schema format and most validators read). Refinements that JSON
 * Schema cannot say are left to the consumer's own checks.
 */
export function payloadJsonSchema(type: EventType, version: number, schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as JsonSchema;
  return { ...json, $id: schemaPath(type, version), title: `${type} v${version}` };
}
