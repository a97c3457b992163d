import { Injectable, NotFoundException } from '@nestjs/common';
import { authorOfPrincipal, isUnscoped, Principal } from '@pejling/platform';
import { ImportsRepository } from './imports.repository';

/** One import's audit record (counts, rejected lines, flags); out of the principal's scope it is unknown (404). */
@Injectable()
export class GetImport {
  constructor(private readonly imports: ImportsRepository) {}

  async run(id: string, principal: Principal) {
    const found = await this.imports.get(id);
    if (!found || !visible(found, principal)) throw new NotFoundException(`No import with id ${id}.`);
    return found;
  }
}

function visible(record: { author: string; municipalities: string[] }, principal: Principal): boolean {
  if (isUnscoped(principal) || record.author === authorOfPrincipal(principal)) return true;
  return record.municipalities.length > 0 && record.municipalities.every((code) => principal.municipalities.includes(code));
}
