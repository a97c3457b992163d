import { z } from 'zod';
import { ApiBodyDoc, ApiResponseDoc } from './api-doc';
import { apiErrorSchema } from './error-schema';
import { CataloguedRoute, openApiPath } from './route-catalogue';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'Bad request: the body or a parameter is malformed',
  401: 'No valid API key or user token',
  403: "The principal's role or municipality scope does not allow this",
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Invalid fields: every problem is listed in `errors`',
  429: 'Too many requests',
};

/**
 * Converts zod schemas to JSON Schema (2020-12, OpenAPI 3.1's dialect) and collects the `$defs`
 * zod emits for recursive or shared parts into components, so every `$ref` resolves in the document.
 */
class SchemaConverter {
  readonly components: Record<string, Json> = { Error: this.plain(apiErrorSchema, 'output', 'Error') };
  private counter = 0;

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    return this.plain(schema, io, `S${++this.counter}`);
  }

  private plain(schema: z.ZodType, io: 'input' | 'output', prefix: string): Json {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    delete json.$schema;
    const defs = json.$defs as Record<string, Json> | undefined;
    delete json.$defs;
    const rename = (name: string) => `${prefix}_${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node && typeof node === 'object') {
        const out: Json = {};
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') {
            if (value === '#') out[key] = `#/components/schemas/${prefix}`;
            else out[key] = value.replace(/^#\/\$defs\/(.+)$/, (_m, name: string) => `#/components/schemas/${rename(name)}`);
          } else out[key] = rewrite(value);
        }
        return out;
      }
      return node;
    };
    for (const [name, def] of Object.entries(defs ?? {})) this.components[rename(name)] = rewrite(def) as Json;
    const rewritten = rewrite(json) as Json;
    // A self-reference (`#`) needs the root as a component of its own.
    if (JSON.stringify(rewritten).includes(`"#/components/schemas/${prefix}"`)) {
      this.components[prefix] = rewritten;
      return { $ref: `#/components/schemas/${prefix}` };
    }
    return rewritten;
  }
}

export interface OpenApiOptions {
  service: string;
  version?: string;
  description?: string;
}

/** The OpenAPI 3.1 document of one service, from its routes and their @ApiDoc and @Roles. */
export function openApiDocument(routes: CataloguedRoute[], options: OpenApiOptions): Json {
  const converter = new SchemaConverter();
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method] = operation(route, converter);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Pejling ${options.service}`,
      version: options.version ?? '1.0.0',
      description:
        options.description ??
        `The REST API of Pejling's ${options.service} service. Send an API key or a console user token as \`Authorization: Bearer <key or token>\` (or an API key as \`X-API-Key\`). Each operation lists the roles that may call it (\`x-pejling-roles\`); a principal limited to some municipalities sees and changes only those. Errors are \`{ statusCode, message, errors[] }\`.`,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (`npm run apikey`) or a console user token (HS256 JWT).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key in a header of its own.' },
      },
      schemas: converter.components,
    },
  };
}

function operation(route: CataloguedRoute, converter: SchemaConverter): Json {
  const doc = route.doc;
  const parameters: Json[] = [];
  const pathParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
  const paramsSchema = doc?.params ? (converter.convert(doc.params, 'input') as { properties?: Record<string, Json> }) : undefined;
  for (const name of pathParams)
    parameters.push({ name, in: 'path', required: true, schema: paramsSchema?.properties?.[name] ?? { type: 'string' } });
  if (doc?.query) {
    const query = converter.convert(doc.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: (query.required ?? []).includes(name), schema });
    }
  }
  const roles = route.roles ?? [];
  const result: Json = {
    operationId: `${route.controller.replace(/Controller$/, '')}.${route.handler}`,
    summary: doc?.summary ?? humanise(route.handler),
    tags: doc?.tags ?? [route.controller.replace(/Controller$/, '')],
    ...(doc?.description ? { description: doc.description } : {}),
    'x-pejling-roles': route.isPublic ? [] : roles,
    ...(route.isPublic
      ? { security: [] }
      : {
          security: [{ bearer: [] }, { apiKey: [] }],
          description: `${doc?.description ? `${doc.description}\n\n` : ''}Roles: ${roles.join(', ') || 'none'}.`,
        }),
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  if (doc?.body) result.requestBody = requestBody(doc.body, converter);
  result.responses = responses(route, converter);
  return result;
}

function requestBody(body: ApiBodyDoc, converter: SchemaConverter): Json {
  const forms = Array.isArray(body) ? body : [{ contentType: 'application/json', schema: body }];
  return {
    required: true,
    content: Object.fromEntries(
      forms.map((form) => [
        form.contentType,
        form.schema ? { schema: converter.convert(form.schema, 'input') } : { schema: { type: 'string' } },
      ]),
    ),
  };
}

function responses(route: CataloguedRoute, converter: SchemaConverter): Json {
  const out: Json = {};
  const declared: Record<number, ApiResponseDoc> = route.doc?.responses ?? { 200: undefined as unknown as ApiResponseDoc };
  for (const [code, response] of Object.entries(declared)) {
    const status = Number(code);
    if (status >= 400) {
      out[code] = errorResponse(status, response && !(response instanceof z.ZodType) ? response.description : undefined);
      continue;
    }
    if (response === null) out[code] = { description: STATUS_TEXT[status] ?? 'Success' };
    else if (response === undefined) out[code] = { description: `${STATUS_TEXT[status] ?? 'Success'} (body not described)` };
    else if (response instanceof z.ZodType)
      out[code] = {
        description: STATUS_TEXT[status] ?? 'Success',
        content: { 'application/json': { schema: converter.convert(response, 'output') } },
      };
    else
      out[code] = {
        description: response.description ?? STATUS_TEXT[status] ?? 'Success',
        ...(response.schema || response.contentType
          ? {
              content: {
                [response.contentType ?? 'application/json']: {
                  schema: response.schema ? converter.convert(response.schema, 'output') : { type: 'string' },
                },
              },
            }
          : {}),
      };
  }
  if (!route.isPublic) {
    out['401'] ??= errorResponse(401);
    out['403'] ??= errorResponse(403);
  }
  if (route.doc?.body) {
    out['400'] ??= errorResponse(400);
    out['422'] ??= errorResponse(422);
  }
  if (route.path.includes(':')) out['404'] ??= errorResponse(404);
  return out;
}

function errorResponse(status: number, description?: string): Json {
  return {
    description: description ?? STATUS_TEXT[status] ?? 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

function humanise(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
