import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiDoc, principalOf, Roles, UuidParam, validateBody } from '@pejling/platform';
import { RevokeAckLinks } from './revoke-ack-links.use-case';

const revokeAckLinksSchema = z.object({
  recipientKey: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe("one recipient's links (a key from the episode's `recipients`); default every recipient's"),
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(1000).optional(),
});

const revocationSchema = z.object({
  episodeId: z.string().uuid(),
  recipientKey: z.string().nullable(),
  revokedAt: z.string().describe('ISO 8601: links made up to this moment are refused'),
  revokedBy: z.string(),
  reason: z.string().nullable(),
});

/** Revoking an episode's acknowledgement links (a message forwarded to the wrong person): admins only. */
@Controller('v1/episodes')
export class AckLinkRevocationsController {
  constructor(private readonly revokeAckLinks: RevokeAckLinks) {}

  /** `{ recipientKey?, reason? }`: the links sent so far stop working (a 403 page); links in later messages work. */
  @Post(':id/ack-links/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiDoc({
    summary: "Revoke an episode's acknowledgement links (every recipient's, or one recipient's)",
    params: z.object({ id: z.string().uuid() }),
    body: revokeAckLinksSchema,
    responses: { 200: revocationSchema, 422: { description: 'Invalid fields, or recipientKey is not a recipient of the episode' } },
  })
  revoke(@Param('id', UuidParam) id: string, @Body() body: unknown, @Req() request: Request) {
    const input = validateBody(revokeAckLinksSchema, body ?? {}, 'revocation');
    return this.revokeAckLinks.run(id, input, principalOf(request));
  }
}
