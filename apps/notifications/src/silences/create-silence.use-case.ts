import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { assertInScope, authorOfPrincipal, Principal, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { findSilence, insertSilence, SilenceView } from '../persistence/silences.repository';
import { SilenceInput } from './silence-input';

/** Creates a silence; a scoped principal may only mute its own municipalities, so its silence must name one. */
@Injectable()
export class CreateSilence {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async run(input: SilenceInput, principal: Principal): Promise<SilenceView> {
    const now = this.clock.now();
    if (input.endsAt <= now)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Invalid silence: endsAt must be in the future',
        errors: [{ field: 'endsAt', reason: 'must be in the future' }],
      });
    assertInScope(principal, input.matchers.municipality ?? null, 'silences');
    const creator = authorOfPrincipal(principal);
    return this.transactions.run(async ({ manager }) => {
      const id = await insertSilence(manager, {
        planId: input.matchers.planId ?? null,
        goalId: input.matchers.goalId ?? null,
        municipality: input.matchers.municipality ?? null,
        startsAt: input.startsAt ?? now,
        endsAt: input.endsAt,
        timeZone: input.timeZone,
        reason: input.reason,
        author: input.author ?? creator,
        createdBy: creator,
      });
      const silence = await findSilence(manager, id);
      if (!silence) throw new Error(`silence ${id} was inserted but cannot be read back`);
      return silence;
    });
  }
}
