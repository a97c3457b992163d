import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiDoc, authorOf, RequiresAllMunicipalities, Roles, UuidParam, validateBody } from '@pejling/platform';
import { rotatedSecretSchema, rotateSecretSchema } from '../signing/secret-rotation.schema';
import { ListWebhookEndpoints } from './list-webhook-endpoints.use-case';
import { RegisterWebhookEndpoint } from './register-webhook-endpoint.use-case';
import { RotateWebhookEndpointSecret } from './rotate-webhook-endpoint-secret.use-case';
import { UpdateWebhookEndpoint } from './update-webhook-endpoint.use-case';
import { webhookEndpointRegisteredSchema, webhookEndpointViewSchema } from './webhook-endpoint-response';

const registerSchema = z.object({
  url: z
    .string()
    .url('must be an absolute URL')
    .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http:// or https:// URL'),
  /** Also send the old Pejling-Signature header (default off for a new endpoint). */
  legacySignature: z.boolean().default(false),
});
const updateSchema = z.object({ legacySignature: z.boolean() }).strict();

/**
 * Per-endpoint secrets of owners' and recipients' own (generic) webhooks. Endpoints are shared by
 * all municipalities, so an unscoped admin manages them.
 */
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly listEndpoints: ListWebhookEndpoints,
    private readonly registerEndpoint: RegisterWebhookEndpoint,
    private readonly rotateSecret: RotateWebhookEndpointSecret,
    private readonly updateEndpoint: UpdateWebhookEndpoint,
  ) {}

  @Get()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({ summary: 'Generic webhook endpoints and their signing options', responses: { 200: z.array(webhookEndpointViewSchema) } })
  list() {
    return this.listEndpoints.run();
  }

  /** 201 `{ endpoint, secret }`: the secret is shown this once. */
  @Post()
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Register a webhook endpoint (its secret is shown once)',
    body: registerSchema,
    responses: { 201: webhookEndpointRegisteredSchema },
  })
  register(@Body() body: unknown, @Req() request: Request) {
    const input = validateBody(registerSchema, body, 'webhook endpoint');
    return this.registerEndpoint.run(input.url, input.legacySignature, authorOf(request));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: "Rotate an endpoint's signing secret",
    params: z.object({ id: z.string().uuid() }),
    body: rotateSecretSchema,
    responses: { 200: rotatedSecretSchema },
  })
  rotate(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    return this.rotateSecret.run(id, validateBody(rotateSecretSchema, body ?? {}, 'secret rotation').overlapMinutes);
  }

  @Patch(':id')
  @Roles('admin')
  @RequiresAllMunicipalities()
  @ApiDoc({
    summary: 'Change whether an endpoint gets the legacy signature',
    params: z.object({ id: z.string().uuid() }),
    body: updateSchema,
    responses: { 200: webhookEndpointViewSchema },
  })
  update(@Param('id', UuidParam) id: string, @Body() body: unknown) {
    return this.updateEndpoint.run(id, validateBody(updateSchema, body, 'webhook endpoint change').legacySignature);
  }
}
