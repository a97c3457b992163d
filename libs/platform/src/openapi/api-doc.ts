import { SetMetadata } from '@nestjs/common';
import { z } from 'zod';

export const API_DOC_KEY = 'pejling:api-doc';

/** A response: a zod schema of its JSON body, null for no body, or the full form (another media type, a description). */
export type ApiResponseDoc = z.ZodType | null | { description?: string; schema?: z.ZodType; contentType?: string };

/** A request body: the zod schema the controller validates with, or another media type (CSV, YAML). */
export type ApiBodyDoc = z.ZodType | { contentType: string; schema?: z.ZodType; description?: string }[];

export interface ApiDocSpec {
  summary: string;
  description?: string;
  /** The schema the route validates its body with (the same object passed to validateBody). */
  body?: ApiBodyDoc;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Success and notable error statuses. 401/403 (and 400/422 for a body) are added for every protected route. */
  responses: Record<number, ApiResponseDoc>;
  tags?: string[];
}

/**
 * Documents a route in the service's OpenAPI document with the zod schemas the route itself uses,
 * so the published document cannot drift from what is validated. The generator reads this with the
 * route's path, method and @Roles from Nest's own metadata.
 */
export const ApiDoc = (spec: ApiDocSpec) => SetMetadata(API_DOC_KEY, spec);
