import { Injectable } from '@nestjs/common';
import { findMunicipality } from '@pejling/domain-kernel';
import { PublicPlansRepository } from './public-plans.repository';
import { PublicMunicipalities } from './public-responses';

/** The municipalities with at least one plan that opted in to the public page. */
@Injectable()
export class ListPublicMunicipalities {
  constructor(private readonly plans: PublicPlansRepository) {}

  async run(): Promise<PublicMunicipalities> {
    const rows = await this.plans.municipalities();
    return rows.map((row) => ({ code: row.code, name: findMunicipality(row.code)?.name ?? row.code, plans: row.plans }));
  }
}
