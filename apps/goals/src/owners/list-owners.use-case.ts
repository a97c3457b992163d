import { Injectable } from '@nestjs/common';
import { Principal, scopeFilter } from '@pejling/platform';
import { ownerForPrincipal } from './owner-masking';
import { OwnersRepository, OwnerView } from './owners.repository';

/** The owners of goals in the principal's scope, by name. */
@Injectable()
export class ListOwners {
  constructor(private readonly owners: OwnersRepository) {}

  async run(principal: Principal): Promise<OwnerView[]> {
    const owners = await this.owners.list(scopeFilter(principal));
    return owners.map((owner) => ownerForPrincipal(owner, principal));
  }
}
