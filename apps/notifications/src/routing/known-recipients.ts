import { UnprocessableEntityException } from '@nestjs/common';

/**
 * A routing rule may only name recipients that exist (`found`: those of `ids` that do): the 422 names
 * each unknown one by its position in `recipientIds`.
 */
export function requireKnownRecipients(ids: readonly string[], found: ReadonlySet<string>): void {
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Invalid routing rule: recipientIds names unknown recipients: ${missing.join(', ')}`,
      errors: missing.map((id) => ({ field: `recipientIds.${ids.indexOf(id)}`, reason: `no recipient with id ${id}` })),
    });
  }
}
