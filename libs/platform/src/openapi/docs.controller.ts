import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { z } from 'zod';
import { asyncApiDocument, eventsHtml, eventVersions, isEventType, payloadJsonSchema } from '@pejling/contracts';
import { stringify } from 'yaml';
import { Public } from '../access/roles';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { ApiDoc } from './api-doc';
import { openApiDocument } from './openapi-document';
import { catalogueRoutes } from './route-catalogue';

/** The swagger-ui-dist files /docs needs, served from node_modules (no CDN: the docs work offline). */
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'swagger-ui-standalone-preset.js': 'application/javascript',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pejling API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const SWAGGER_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });\n`;

const assetParams = z.object({ file: z.string().describe('A swagger-ui asset, e.g. swagger-ui-bundle.js') });
const schemaParams = z.object({
  type: z.string().describe('An event type, e.g. goal.breached'),
  file: z
    .string()
    .regex(/^v\d+\.json$/)
    .describe('v<N>.json'),
});
const text = (contentType: string, description: string) => ({ contentType, description, schema: z.string() });

/**
 * The service's published descriptions, public like /health: its OpenAPI document (generated
 * from the routes' own zod schemas and roles) and browsable docs, and the event docs generated
 * from libs/contracts (AsyncAPI, the JSON Schema of every payload version, a readable page).
 */
@Controller()
@Public()
export class DocsController {
  private openApi: Record<string, unknown> | undefined;
  private asyncApi: Record<string, unknown> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  @Get('openapi.json')
  @ApiDoc({
    summary: "This service's OpenAPI 3.1 document",
    tags: ['docs'],
    responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json', schema: z.record(z.string(), z.unknown()) } },
  })
  document() {
    this.openApi ??= openApiDocument(catalogueRoutes(this.discovery, this.scanner, this.reflector), { service: this.spec.name });
    return this.openApi;
  }

  @Get('docs')
  @ApiDoc({
    summary: 'Browsable API docs (Swagger UI, served offline)',
    tags: ['docs'],
    responses: { 200: text('text/html', 'The Swagger UI page') },
  })
  swaggerUi(@Res() response: Response): void {
    response.type('html').send(SWAGGER_PAGE);
  }

  @Get('docs/assets/:file')
  @ApiDoc({
    summary: "Swagger UI's static files",
    tags: ['docs'],
    params: assetParams,
    responses: { 200: text('application/javascript', 'The file') },
  })
  swaggerAsset(@Param('file') file: string, @Res() response: Response): void {
    if (file === 'init.js') {
      response.type('application/javascript').send(SWAGGER_INIT);
      return;
    }
    const type = SWAGGER_ASSETS[file];
    if (!type) throw new NotFoundException(`No docs asset '${file}'.`);
    response.type(type).send(readFileSync(join(swaggerUiPath(), file)));
  }

  @Get('asyncapi.yaml')
  @ApiDoc({
    summary: 'The AsyncAPI 3.0 document of the Kafka topics',
    tags: ['docs'],
    responses: { 200: text('application/yaml', 'The AsyncAPI document') },
  })
  asyncApiYaml(@Res() response: Response): void {
    response.type('application/yaml').send(stringify(this.eventsDocument(), { lineWidth: 0 }));
  }

  @Get('docs/events')
  @ApiDoc({
    summary: 'The events, readable: topics, types, versions, headers, schemas',
    tags: ['docs'],
    responses: { 200: text('text/html', 'The events page') },
  })
  eventsPage(@Res() response: Response): void {
    response.type('html').send(eventsHtml(this.eventsDocument(), '/schemas/').replace('href="asyncapi.yaml"', 'href="/asyncapi.yaml"'));
  }

  @Get('schemas/:type/:file')
  @ApiDoc({
    summary: 'The JSON Schema of an event payload version (what ce_dataschema names)',
    tags: ['docs'],
    params: schemaParams,
    responses: {
      200: { description: 'A JSON Schema (draft-07)', contentType: 'application/schema+json', schema: z.record(z.string(), z.unknown()) },
    },
  })
  schema(@Param('type') type: string, @Param('file') file: string, @Res() response: Response): void {
    const version = Number(/^v(\d+)\.json$/.exec(file)?.[1]);
    const entry = isEventType(type)
      ? eventVersions().find((candidate) => candidate.type === type && candidate.version === version)
      : undefined;
    if (!entry) throw new NotFoundException(`No schema for ${type} ${file}.`);
    response.type('application/schema+json').send(JSON.stringify(payloadJsonSchema(entry.type, entry.version, entry.schema), null, 2));
  }

  private eventsDocument(): Record<string, unknown> {
    this.asyncApi ??= asyncApiDocument({ schemaBaseUrl: this.env.EVENT_SCHEMA_BASE_URL, brokers: this.env.KAFKA_BROKERS });
    return this.asyncApi;
  }
}

function swaggerUiPath(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}
