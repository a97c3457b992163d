import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authorOfPrincipal, Principal, scopeFilter } from '@pejling/platform';
import { ImportListing, listImports } from './import-records';

/** The audit list of imports a principal may see: those of its municipalities, and its own. */
@Injectable()
export class ListImports {
  constructor(private readonly dataSource: DataSource) {}

  run(principal: Principal, query: { municipality?: string; limit: number; before?: Date }): Promise<ImportListing[]> {
    const municipalities = scopeFilter(principal);
    return listImports(this.dataSource, { ...query, municipalities, author: municipalities ? authorOfPrincipal(principal) : undefined });
  }
}
