import { Injectable } from '@nestjs/common';
import { authorOfPrincipal, Principal, scopeFilter } from '@pejling/platform';
import { ImportListing, ImportsRepository } from './imports.repository';

/** The audit list of imports a principal may see: those of its municipalities, and its own. */
@Injectable()
export class ListImports {
  constructor(private readonly imports: ImportsRepository) {}

  run(principal: Principal, query: { municipality?: string; limit: number; before?: Date }): Promise<ImportListing[]> {
    const municipalities = scopeFilter(principal);
    return this.imports.list({ ...query, municipalities, author: municipalities ? authorOfPrincipal(principal) : undefined });
  }
}
