import { ConflictException, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertInScope, assertUnscoped, inScope, isUnscoped, Principal, scopeFilter, Transactions } from '@pejling/platform';
import { z } from 'zod';
import { ownerSchema } from '../goals/goal.schema';
import { ownerForPrincipal } from './owner-masking';
import { ownerContactsEvents, ownerContactsSnapshot, ownerDeletedEvent } from './owner-contacts-events';
import { deleteOwner, ensureOwner, findOwnerView, listOwners, OwnerContactPatch, OwnerView, syncOwnerToGoals, updateOwnerContact } from './owners.repository';

/** An owner the principal may see: one owning a goal in its scope (404 otherwise). */
async function visibleOwner(dataSource: DataSource, id: string, principal: Principal): Promise<OwnerView> {
  const owner = await findOwnerView(dataSource.manager, id);
  if (!owner || (!isUnscoped(principal) && !owner.municipalities.some((code) => inScope(principal, code)))) throw new NotFoundException(`No owner with id ${id}.`);
  return ownerForPrincipal(owner, principal);
}

/** Changing an owner changes every goal it owns: all their municipalities must be in scope (403 naming the first that is not). */
async function changeableOwner(dataSource: DataSource, id: string, principal: Principal): Promise<OwnerView> {
  const owner = await visibleOwner(dataSource, id, principal);
  for (const code of owner.municipalities) assertInScope(principal, code, 'owners');
  return owner;
}

@Injectable()
export class ListOwners {
  constructor(private readonly dataSource: DataSource) {}

  async run(principal: Principal): Promise<OwnerView[]> {
    const owners = await listOwners(this.dataSource.manager, scopeFilter(principal));
    return owners.map((owner) => ownerForPrincipal(owner, principal));
  }
}

@Injectable()
export class GetOwner {
  constructor(private readonly dataSource: DataSource) {}

  run(id: string, principal: Principal): Promise<OwnerView> {
    return visibleOwner(this.dataSource, id, principal);
  }
}

/** A new owner has no goals yet, so no municipality: only an unscoped admin creates one (plans name theirs). */
@Injectable()
export class CreateOwner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async run(input: z.infer<typeof ownerSchema>, principal: Principal): Promise<OwnerView> {
    assertUnscoped(principal, 'owners without goals');
    const { id } = await this.transactions.run(async ({ manager, publish }) => {
      const row = await ensureOwner(manager, input);
      await syncOwnerToGoals(manager, row.id);
      publish(...(await ownerContactsEvents(manager, [row.id])));
      return row;
    });
    return visibleOwner(this.dataSource, id, principal);
  }
}

/** Changes an owner's channels, language or time zone; every goal it is the primary owner of follows. */
@Injectable()
export class UpdateOwner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async run(id: string, patch: OwnerContactPatch, principal: Principal): Promise<OwnerView> {
    await changeableOwner(this.dataSource, id, principal);
    await this.transactions.run(async ({ manager, publish }) => {
      await updateOwnerContact(manager, id, patch);
      await syncOwnerToGoals(manager, id);
      publish(...(await ownerContactsEvents(manager, [id])));
    });
    return visibleOwner(this.dataSource, id, principal);
  }
}

/** Deletes an owner that no longer owns goals (409 while it does). */
@Injectable()
export class DeleteOwner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async run(id: string, principal: Principal): Promise<void> {
    const owner = await changeableOwner(this.dataSource, id, principal);
    if (owner.goals > 0) throw new ConflictException(`Owner '${owner.name}' still owns ${owner.goals} goal(s); give them another owner first.`);
    await this.transactions.run(async ({ manager, publish }) => {
      await deleteOwner(manager, id);
      publish(ownerDeletedEvent(owner, new Date()));
    });
  }
}

/**
 * Publishes every owner's contacts on the internal owners topic (at start-up and on an admin's
 * request), so a notifications service with an empty store catches up.
 */
@Injectable()
export class PublishOwnerSnapshot implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublishOwnerSnapshot.name);

  constructor(private readonly transactions: Transactions) {}

  async onApplicationBootstrap(): Promise<void> {
    const published = await this.run();
    this.logger.log({ owners: published }, 'owner contacts snapshot published');
  }

  run(principal?: Principal): Promise<number> {
    if (principal) assertUnscoped(principal, 'the owner contacts snapshot');
    return this.transactions.run(async ({ manager, publish }) => {
      const events = await ownerContactsSnapshot(manager);
      publish(...events);
      return events.length;
    });
  }
}
