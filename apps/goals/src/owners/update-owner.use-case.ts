import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { ownerContactsEvents } from './owner-contacts-events';
import { OwnerContactPatch, OwnersRepository, OwnerView } from './owners.repository';
import { changeableOwner, visibleOwner } from './visible-owner';

/** Changes an owner's channels, language or time zone; every goal it is the primary owner of follows. */
@Injectable()
export class UpdateOwner {
  constructor(
    private readonly transactions: Transactions,
    private readonly owners: OwnersRepository,
  ) {}

  async run(id: string, patch: OwnerContactPatch, principal: Principal): Promise<OwnerView> {
    await changeableOwner(this.owners, id, principal);
    await this.transactions.run(async ({ manager, publish }) => {
      await this.owners.updateContact(id, patch, manager);
      await this.owners.syncToGoals(id, manager);
      publish(...ownerContactsEvents(await this.owners.contacts([id], manager)));
    });
    return visibleOwner(this.owners, id, principal);
  }
}
