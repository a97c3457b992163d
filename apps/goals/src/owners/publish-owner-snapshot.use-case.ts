import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { assertUnscoped, Principal, Transactions } from '@pejling/platform';
import { ownerContactsSnapshot } from './owner-contacts-events';
import { OwnersRepository } from './owners.repository';

/**
 * Publishes every owner's contacts on the internal owners topic (at start-up and on an admin's
 * request), so a notifications service with an empty store catches up.
 */
@Injectable()
export class PublishOwnerSnapshot implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublishOwnerSnapshot.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly owners: OwnersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const published = await this.run();
    this.logger.log({ owners: published }, 'owner contacts snapshot published');
  }

  run(principal?: Principal): Promise<number> {
    if (principal) assertUnscoped(principal, 'the owner contacts snapshot');
    return this.transactions.run(async ({ manager, publish }) => {
      const events = ownerContactsSnapshot(await this.owners.allContacts(manager));
      publish(...events);
      return events.length;
    });
  }
}
