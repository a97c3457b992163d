/** A silence as its controller validated it: times are instants already (local times read in `timeZone`). */
export interface SilenceInput {
  matchers: { planId?: string; goalId?: string; municipality?: string };
  startsAt?: Date;
  endsAt: Date;
  timeZone: string;
  reason: string;
  author?: string;
}
