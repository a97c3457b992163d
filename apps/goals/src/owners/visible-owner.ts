import { NotFoundException } from '@nestjs/common';
import { assertInScope, inScope, isUnscoped, Principal } from '@pejling/platform';
import { ownerForPrincipal } from './owner-masking';
import { OwnersRepository, OwnerView } from './owners.repository';

/** An owner the principal may see: one owning a goal in its scope (404 otherwise). */
export async function visibleOwner(owners: OwnersRepository, id: string, principal: Principal): Promise<OwnerView> {
  const owner = await owners.findView(id);
  if (!owner || (!isUnscoped(principal) && !owner.municipalities.some((code) => inScope(principal, code))))
    throw new NotFoundException(`No owner with id ${id}.`);
  return ownerForPrincipal(owner, principal);
}

/** Changing an owner changes every goal it owns: all their municipalities must be in scope (403 naming the first that is not). */
export async function changeableOwner(owners: OwnersRepository, id: string, principal: Principal): Promise<OwnerView> {
  const owner = await visibleOwner(owners, id, principal);
  for (const code of owner.municipalities) assertInScope(principal, code, 'owners');
  return owner;
}
