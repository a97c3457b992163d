import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { RequiresAllMunicipalities, Roles, ROLES, UuidParam, validateBody, ApiDoc } from '@pejling/platform';
import { CreateApiKey } from './create-api-key.use-case';
import { ListApiKeys } from './list-api-keys.use-case';
import { RevokeApiKey } from './revoke-api-key.use-case';
import { apiKeyListingSchema } from './api-key-response';

const apiKeySchema = z.object({
  name: z.string().trim().min(1, 'must name who uses the key').max(200),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

/**
 * API keys for integrations (stored in the shared `access` schema every service's guard reads).
 * Served by goals, the service the console's admin pages talk to. Keys see every municipality, so
 * only an unscoped admin manages them.
 */
@Controller('v1/api-keys')
@Roles('admin')
@RequiresAllMunicipalities()
export class ApiKeysController {
  constructor(
    private readonly listKeys: ListApiKeys,
    private readonly createKey: CreateApiKey,
    private readonly revokeKey: RevokeApiKey,
  ) {}

  @Get()
  @ApiDoc({ summary: 'API keys (never the secrets)', responses: { 200: z.array(apiKeyListingSchema) } })
  list() {
    return this.listKeys.run();
  }

  @Post()
  @ApiDoc({
    summary: 'Create an API key (the key is shown once)',
    body: apiKeySchema,
    responses: { 201: z.object({ key: z.string().describe('The secret, shown only here'), record: apiKeyListingSchema }) },
  })
  create(@Body() body: unknown) {
    const input = validateBody(apiKeySchema, body, 'API key');
    return this.createKey.run(input.name, input.role);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDoc({ summary: 'Revoke an API key', params: z.object({ id: z.string().uuid() }), responses: { 204: null } })
  async revoke(@Param('id', UuidParam) id: string): Promise<void> {
    await this.revokeKey.run(id);
  }
}
