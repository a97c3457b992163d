import { Injectable, NotFoundException } from '@nestjs/common';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { expireSilence, findSilence } from '../persistence/silences.repository';

/** Ends a silence now; out of scope it is a 403 naming the municipality. */
@Injectable()
export class EndSilence {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  run(id: string, principal: Principal): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      const silence = await findSilence(manager, id);
      if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
      assertInScope(principal, silence.municipality, 'silences');
      await expireSilence(manager, id, this.clock.now());
    });
  }
}
