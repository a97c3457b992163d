import { z } from 'zod';
import { maskTarget } from '@pejling/domain-kernel';
import { Principal } from '@pejling/platform';
import { OwnerView } from './owners.repository';

/** Admins manage channels and see them whole; everyone else sees their last 4 characters (README: masking). */
export function seesChannels(principal: Principal): boolean {
  return principal.role === 'admin';
}

export function ownerForPrincipal(owner: OwnerView, principal: Principal): OwnerView {
  if (seesChannels(principal)) return owner;
  return {
    ...owner,
    email: maskTarget(owner.email),
    webhookUrl: maskTarget(owner.webhookUrl),
    teamsWebhookUrl: maskTarget(owner.teamsWebhookUrl),
    slackWebhookUrl: maskTarget(owner.slackWebhookUrl),
  };
}

/** A goal's primary owner as the goal view shows it (`{ id, name, email, webhookUrl }`). */
export function goalOwnerForPrincipal<G extends { owner?: { email: string | null; webhookUrl: string | null } | null }>(
  goal: G,
  principal: Principal,
): G {
  if (seesChannels(principal) || !goal.owner) return goal;
  return { ...goal, owner: { ...goal.owner, email: maskTarget(goal.owner.email), webhookUrl: maskTarget(goal.owner.webhookUrl) } };
}

/** A stored plan document: only the owners' channels matter here, the rest passes through untouched. */
const planOwnersShape = z.looseObject({
  focusAreas: z.array(
    z.looseObject({
      goals: z.array(
        z.looseObject({ owners: z.array(z.looseObject({ email: z.string().optional(), webhookUrl: z.string().optional() })) }),
      ),
    }),
  ),
  reporting: z.looseObject({ recipients: z.array(z.looseObject({ email: z.string() })) }).optional(),
});

/** A plan document as a non-admin sees it: each owner's and committee recipient's email and webhook URL masked, as on the owners' own routes. */
export function planDocumentForPrincipal(document: unknown, principal: Principal): unknown {
  const parsed = planOwnersShape.safeParse(document);
  if (seesChannels(principal) || !parsed.success) return document;
  const mask = (owner: { email?: string; webhookUrl?: string }) => ({
    ...owner,
    ...(owner.email !== undefined ? { email: maskTarget(owner.email) } : {}),
    ...(owner.webhookUrl !== undefined ? { webhookUrl: maskTarget(owner.webhookUrl) } : {}),
  });
  return {
    ...parsed.data,
    focusAreas: parsed.data.focusAreas.map((area) => ({
      ...area,
      goals: area.goals.map((goal) => ({ ...goal, owners: goal.owners.map(mask) })),
    })),
    ...(parsed.data.reporting
      ? {
          reporting: {
            ...parsed.data.reporting,
            recipients: parsed.data.reporting.recipients.map((recipient) => ({ ...recipient, email: maskTarget(recipient.email) })),
          },
        }
      : {}),
  };
}
