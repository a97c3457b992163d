import { Injectable } from '@nestjs/common';
import { PublicChangesRepository } from './public-changes.repository';
import { PublicPlansRepository } from './public-plans.repository';
import { publicMunicipality } from './public-municipality-name';
import { PublicChanges } from './public-responses';

/** The state changes of a municipality's public goals, newest first: what the public feed lists. */
@Injectable()
export class ListPublicChanges {
  constructor(
    private readonly plans: PublicPlansRepository,
    private readonly changes: PublicChangesRepository,
  ) {}

  async run(code: string, limit: number): Promise<PublicChanges> {
    const municipality = publicMunicipality(code, (await this.plans.plans(code)).length > 0);
    return { municipality, changes: await this.changes.latest(code, limit) };
  }
}
