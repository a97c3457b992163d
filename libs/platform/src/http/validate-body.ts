import { HttpException } from '@nestjs/common';
import { z } from 'zod';
import { controlCharacters, unknownFields } from './strict-input';

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Validates a request body against a schema. A body that is not a JSON object is a 400; a body
 * with bad fields is a 422 that names every field and why, so nothing half-valid is stored.
 * Strict: a field the schema does not know, and a control character in any text, are bad fields.
 */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpException(
      { statusCode: 400, error: 'Bad Request', message: `The body must be a JSON object describing the ${what}.`, errors: [] },
      400,
    );
  }
  const result = schema.safeParse(body);
  const errors: FieldProblem[] = result.success
    ? [...unknownFields(schema, body), ...controlCharacters(body)]
    : result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message }));
  if (result.success && errors.length === 0) return result.data;
  throw new HttpException(
    {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Invalid ${what}: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
      errors,
    },
    422,
  );
}
