import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecipientsRepository } from './recipients.repository';

/** A routing rule may only name recipients that exist: the 422 names each unknown one by its position in `recipientIds`. */
export async function requireKnownRecipients(recipients: RecipientsRepository, manager: EntityManager, ids: readonly string[]): Promise<void> {
  const found = await recipients.existing(manager, ids);
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
