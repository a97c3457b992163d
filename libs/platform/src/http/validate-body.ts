import { HttpException } from '@nestjs/common';
import { z } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Validates a request body against a schema. A body that is not a JSON object is a 400; a body
 * with bad fields is a 422 that names every field and why, so nothing half-valid is stored.
 */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpException(
      { statusCode: 400, error: 'Bad Request', message: `The body must be a JSON object describing the ${what}.`, errors: [] },
      400,
    );
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldProblem[] = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message }));
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
