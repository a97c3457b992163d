import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, OwnerContactsChanged, TOPICS } from '@pejling/contracts';
import { StoreOwnerContacts } from './store-owner-contacts.use-case';

/**
 * Keeps notifications' own copy of owners' contacts from the internal owners topic (goals writes a
 * change with the owner, and a snapshot at start-up), and hands on the alerts that waited for them.
 */
@Controller()
export class OwnersConsumer {
  private readonly logger = new Logger(OwnersConsumer.name);

  constructor(private readonly storeOwnerContacts: StoreOwnerContacts) {}

  @EventPattern(TOPICS.ownersInternal)
  async onOwnerContacts(@Payload() event: EventEnvelope<'owner.contacts-changed'>): Promise<void> {
    const contacts = event.payload as OwnerContactsChanged;
    const outcome = await this.storeOwnerContacts.run(event, contacts);
    if (outcome.duplicate) return;
    this.logger.log(
      { eventId: event.id, ownerId: contacts.ownerId, changed: outcome.result.changed, released: outcome.result.released },
      'owner contacts stored',
    );
  }
}
