import { Injectable } from '@nestjs/common';
import { Principal, scopeFilter, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { listSilences, SilenceState, SilenceView } from '../persistence/silences.repository';

/** The silences of the principal's municipalities, by state. */
@Injectable()
export class ListSilences {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  run(state: SilenceState | undefined, principal: Principal): Promise<SilenceView[]> {
    return this.transactions.run(({ manager }) => listSilences(manager, this.clock.now(), state, scopeFilter(principal)));
  }
}
