import { maskChannels, maskFields, maskTarget, scrubText } from '@pejling/domain-kernel';
import { Principal } from '@pejling/platform';

/**
 * Channel targets (email addresses, webhook, Teams and Slack URLs; the latter two are credentials)
 * are shown whole to admins, who manage them, and masked to their last 4 characters to everyone
 * else; error texts that may quote a URL or an address are scrubbed for them.
 */
export function seesChannels(principal: Principal): boolean {
  return principal.role === 'admin';
}

type RecipientView = { email: string | null; webhookUrl: string | null; teamsWebhookUrl: string | null; slackWebhookUrl: string | null };

export function recipientForPrincipal<R extends RecipientView>(recipient: R, principal: Principal): R {
  return seesChannels(principal) ? recipient : maskFields(recipient, ['email', 'webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl']);
}

type DeliveryView = { target?: string | null; lastError?: string | null; attemptLog?: { detail?: string | null }[] };

export function deliveryForPrincipal<D extends DeliveryView>(delivery: D, principal: Principal): D {
  if (seesChannels(principal)) return delivery;
  return {
    ...delivery,
    target: typeof delivery.target === 'string' ? maskTarget(delivery.target) : delivery.target,
    lastError: typeof delivery.lastError === 'string' ? scrubText(delivery.lastError) : delivery.lastError,
    attemptLog: delivery.attemptLog?.map((attempt) => ({
      ...attempt,
      detail: typeof attempt.detail === 'string' ? scrubText(attempt.detail) : attempt.detail,
    })),
  };
}

type DisabledEndpointView = { target: string; reason?: string | null };

export function disabledEndpointForPrincipal<E extends DisabledEndpointView>(endpoint: E, principal: Principal): E {
  if (seesChannels(principal)) return endpoint;
  return {
    ...endpoint,
    target: maskTarget(endpoint.target),
    reason: typeof endpoint.reason === 'string' ? scrubText(endpoint.reason) : endpoint.reason,
  };
}

type EpisodeRecipient = { channels?: { target: string }[] | null };

/** An episode's recipients with their channels (episodes views are loosely typed rows). */
export function episodeForPrincipal<E extends object>(episode: E, principal: Principal): E {
  const recipients = (episode as { recipients?: EpisodeRecipient[] | null }).recipients;
  if (seesChannels(principal) || !Array.isArray(recipients)) return episode;
  return {
    ...episode,
    recipients: recipients.map((recipient) => ({
      ...recipient,
      channels: recipient.channels ? maskChannels(recipient.channels) : recipient.channels,
    })),
  };
}
