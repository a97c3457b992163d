import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertInScope, assertVisible, authorOfPrincipal, Principal, scopeFilter } from '@pejling/platform';
import { Clock } from '../clock';
import { expireSilence, findSilence, insertSilence, listSilences, SilenceState, SilenceView } from '../persistence/silences.repository';

export interface SilenceInput {
  matchers: { planId?: string; goalId?: string; municipality?: string };
  startsAt?: Date;
  endsAt: Date;
  timeZone: string;
  reason: string;
  author?: string;
}

/** Creates a silence; a scoped principal may only mute its own municipalities, so its silence must name one. */
@Injectable()
export class CreateSilence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run(input: SilenceInput, principal: Principal): Promise<SilenceView> {
    const now = this.clock.now();
    if (input.endsAt <= now) throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: 'Invalid silence: endsAt must be in the future', errors: [{ field: 'endsAt', reason: 'must be in the future' }] });
    assertInScope(principal, input.matchers.municipality ?? null, 'silences');
    const creator = authorOfPrincipal(principal);
    const id = await insertSilence(this.dataSource.manager, {
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
    return (await findSilence(this.dataSource.manager, id)) as SilenceView;
  }
}

/** The silences of the principal's municipalities, by state. */
@Injectable()
export class ListSilences {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  run(state: SilenceState | undefined, principal: Principal): Promise<SilenceView[]> {
    return listSilences(this.dataSource.manager, this.clock.now(), state, scopeFilter(principal));
  }
}

/** One silence; out of scope it is unknown (404). */
@Injectable()
export class GetSilence {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string, principal: Principal): Promise<SilenceView> {
    const silence = await findSilence(this.dataSource.manager, id);
    if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
    assertVisible(principal, silence.municipality, `No silence with id ${id}.`);
    return silence;
  }
}

/** Ends a silence now; out of scope it is a 403 naming the municipality. */
@Injectable()
export class EndSilence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run(id: string, principal: Principal): Promise<void> {
    const silence = await findSilence(this.dataSource.manager, id);
    if (!silence) throw new NotFoundException(`No silence with id ${id}.`);
    assertInScope(principal, silence.municipality, 'silences');
    await expireSilence(this.dataSource.manager, id, this.clock.now());
  }
}
