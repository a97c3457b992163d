import { ConflictException, Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { ownerDeletedEvent } from './owner-contacts-events';
import { OwnersRepository } from './owners.repository';
import { changeableOwner } from './visible-owner';

/** Deletes an owner that no longer owns goals (409 while it does). */
@Injectable()
export class DeleteOwner {
  constructor(
    private readonly transactions: Transactions,
    private readonly owners: OwnersRepository,
  ) {}

  async run(id: string, principal: Principal): Promise<void> {
    const owner = await changeableOwner(this.owners, id, principal);
    if (owner.goals > 0)
      throw new ConflictException(`Owner '${owner.name}' still owns ${owner.goals} goal(s); give them another owner first.`);
    await this.transactions.run(async ({ manager, publish }) => {
      await this.owners.delete(id, manager);
      publish(ownerDeletedEvent(owner, new Date()));
    });
  }
}
