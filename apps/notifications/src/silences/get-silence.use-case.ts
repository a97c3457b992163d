import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVisible, Principal, Transactions } from '@pejling/platform';
import { findSilence, SilenceView } from '../persistence/silences.repository';

/** One silence; out of scope it is unknown (404). */
@Injectable()
export class GetSilence {
  constructor(private readonly transactions: Transactions) {}

  async run(id: string, principal: Principal): Promise<SilenceView> {
    const silence = await this.transactions.run(({ manager }) => findSilence(manager, id));
    if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
    assertVisible(principal, silence.municipality, `No silence with id ${id}.`);
    return silence;
  }
}
