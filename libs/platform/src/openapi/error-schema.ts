import { z } from 'zod';

/** One problem with a request: a field, a row of a batch or file, or a place in a YAML document. */
export const apiProblemSchema = z.union([
  z.object({ field: z.string(), reason: z.string() }).describe('A field of the body, query or path and why it is refused.'),
  z
    .object({ row: z.number().int(), path: z.string().optional(), field: z.string(), reason: z.string() })
    .describe('A row of a figures batch.'),
  z
    .object({ line: z.number().int(), errors: z.array(z.object({ field: z.string(), reason: z.string() })) })
    .describe('A line of an imported file.'),
  z
    .object({ path: z.string(), line: z.number().int().nullable(), column: z.number().int().nullable(), message: z.string() })
    .describe('A place in a plan document.'),
]);

/** What every error response looks like: Nest's status and message, plus the problems one by one. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().optional(),
  message: z.union([z.string(), z.array(z.string())]),
  errors: z.array(apiProblemSchema).optional(),
});
