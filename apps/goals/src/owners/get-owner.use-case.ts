import { Injectable } from '@nestjs/common';
import { Principal } from '@pejling/platform';
import { OwnersRepository, OwnerView } from './owners.repository';
import { visibleOwner } from './visible-owner';

/** One owner the principal may see (404 otherwise). */
@Injectable()
export class GetOwner {
  constructor(private readonly owners: OwnersRepository) {}

  run(id: string, principal: Principal): Promise<OwnerView> {
    return visibleOwner(this.owners, id, principal);
  }
}
