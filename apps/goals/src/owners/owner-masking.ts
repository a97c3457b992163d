import { maskTarget } from '@pejling/domain';
import { Principal } from '@pejling/platform';
import { OwnerView } from './owners.repository';

/** Admins manage channels and see them whole; everyone else sees their last 4 characters (README: masking). */
export function seesChannels(principal: Principal): boolean {
  return principal.role === 'admin';
}

export function ownerForPrincipal(owner: OwnerView, principal: Principal): OwnerView {
  if (seesChannels(principal)) return owner;
  return { ...owner, email: maskTarget(owner.email), webhookUrl: maskTarget(owner.webhookUrl), teamsWebhookUrl: maskTarget(owner.teamsWebhookUrl), slackWebhookUrl: maskTarget(owner.slackWebhookUrl) };
}

/** A goal's primary owner as the goal view shows it (`{ id, name, email, webhookUrl }`). */
export function goalOwnerForPrincipal<G extends { owner?: { email: string | null; webhookUrl: string | null } | null }>(goal: G, principal: Principal): G {
  if (seesChannels(principal) || !goal.owner) return goal;
  return { ...goal, owner: { ...goal.owner, email: maskTarget(goal.owner.email), webhookUrl: maskTarget(goal.owner.webhookUrl) } };
}
