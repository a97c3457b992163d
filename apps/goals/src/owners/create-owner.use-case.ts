import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { assertUnscoped, Principal, Transactions } from '@pejling/platform';
import { ownerSchema } from './owner.schema';
import { ownerContactsEvents } from './owner-contacts-events';
import { OwnersRepository, OwnerView } from './owners.repository';
import { visibleOwner } from './visible-owner';

/** A new owner has no goals yet, so no municipality: only an unscoped admin creates one (plans name theirs). */
@Injectable()
export class CreateOwner {
  constructor(
    private readonly transactions: Transactions,
    private readonly owners: OwnersRepository,
  ) {}

  async run(input: z.infer<typeof ownerSchema>, principal: Principal): Promise<OwnerView> {
    assertUnscoped(principal, 'owners without goals');
    const { id } = await this.transactions.run(async ({ manager, publish }) => {
      const row = await this.owners.ensure(input, manager);
      await this.owners.syncToGoals(row.id, manager);
      publish(...ownerContactsEvents(await this.owners.contacts([row.id], manager)));
      return row;
    });
    return visibleOwner(this.owners, id, principal);
  }
}
