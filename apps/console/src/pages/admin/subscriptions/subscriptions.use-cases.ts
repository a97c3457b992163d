import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { fieldErrorsOf } from '../shared/field-errors';
import { maskUrl, maskUrlsIn } from '../shared/mask-url';
import {
  replayPlanned,
  secretRotated,
  subscriptionCreated,
  subscriptionDeliveries,
  SubscriptionDelivery,
  subscriptionList,
  SubscriptionRecord,
  subscriptionRecord,
} from './subscriptions.schema';

/** A subscription as the pages get it: the URL masked (its path may be the receiver's secret). */
export type MaskedSubscription = SubscriptionRecord & { url: string };
const masked = (record: SubscriptionRecord): MaskedSubscription => ({ ...record, url: maskUrl(record.url) ?? '' });
const path = (id: string) => `/v1/subscriptions/${encodeURIComponent(id)}`;
/** What the audit log keeps of a subscription: never the secret, the URL masked. */
const auditDetails = (record: SubscriptionRecord) => ({
  url: maskUrl(record.url),
  eventTypes: record.eventTypes,
  municipalities: record.municipalities,
});

export type Outcome<T> = ({ ok: true } & T) | { ok: false; errors: Record<string, string> };

/** Every subscription, from the notifications service. */
@Injectable()
export class ListSubscriptions {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<MaskedSubscription[]> {
    return (await this.services.forUser(viewer).get('notifications', '/v1/subscriptions', subscriptionList)).map(masked);
  }
}

/** One subscription with its delivery log (newest first; error details with URLs masked). */
@Injectable()
export class LoadSubscription {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, id: string): Promise<{ subscription: MaskedSubscription; deliveries: SubscriptionDelivery[] }> {
    const api = this.services.forUser(viewer);
    const [subscription, deliveries] = await Promise.all([
      api.get('notifications', path(id), subscriptionRecord),
      api.get('notifications', `${path(id)}/deliveries?limit=100`, subscriptionDeliveries),
    ]);
    return {
      subscription: masked(subscription),
      deliveries: deliveries.map((row) => ({
        ...row,
        lastError: maskUrlsIn(row.lastError),
        attemptLog: row.attemptLog.map((entry) => ({ ...entry, detail: maskUrlsIn(entry.detail) ?? '' })),
      })),
    };
  }
}

export interface NewSubscriptionForm {
  url: string;
  eventTypes: string[];
  municipalities?: string[];
  description: string;
  contactEmail?: string;
}

/** Creates a subscription; its secret goes to the page once and never into a log or the audit record. */
@Injectable()
export class CreateSubscription {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, form: NewSubscriptionForm): Promise<Outcome<{ secret: string; subscription: MaskedSubscription }>> {
    try {
      const created = await this.services.forUser(viewer).post('notifications', '/v1/subscriptions', form, subscriptionCreated);
      await this.audit.record(
        viewer,
        'subscription.created',
        { type: 'subscription', id: created.subscription.id },
        auditDetails(created.subscription),
      );
      return { ok: true, secret: created.secret, subscription: masked(created.subscription) };
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, ['url', 'eventTypes', 'municipalities', 'description', 'contactEmail']) };
    }
  }
}

/** Enables (resetting the failure count) or disables a subscription (`PATCH { enabled }`). */
@Injectable()
export class SetSubscriptionEnabled {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string, enabled: boolean): Promise<void> {
    const record = await this.services.forUser(viewer).patch('notifications', path(id), { enabled }, subscriptionRecord);
    await this.audit.record(
      viewer,
      enabled ? 'subscription.enabled' : 'subscription.disabled',
      { type: 'subscription', id },
      auditDetails(record),
    );
  }
}

/** Issues a new secret; the old one keeps signing for the overlap. The new secret is shown once. */
@Injectable()
export class RotateSubscriptionSecret {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string, overlapMinutes: number): Promise<Outcome<{ secret: string; previousValidUntil: string }>> {
    try {
      const rotated = await this.services
        .forUser(viewer)
        .post('notifications', `${path(id)}/rotate-secret`, { overlapMinutes }, secretRotated);
      await this.audit.record(
        viewer,
        'subscription.secret-rotated',
        { type: 'subscription', id },
        { overlapMinutes, previousValidUntil: rotated.previousSecretValidUntil },
      );
      return { ok: true, secret: rotated.secret, previousValidUntil: rotated.previousSecretValidUntil };
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, ['overlapMinutes']) };
    }
  }
}

/** Sends again what Pejling stored since a time, each as a new delivery. */
@Injectable()
export class ReplaySubscription {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string, since: string): Promise<Outcome<{ replayed: number; truncated: boolean }>> {
    try {
      const planned = await this.services.forUser(viewer).post('notifications', `${path(id)}/replay`, { since }, replayPlanned);
      await this.audit.record(
        viewer,
        'subscription.replayed',
        { type: 'subscription', id },
        { since: planned.since, replayed: planned.replayed },
      );
      return { ok: true, replayed: planned.replayed, truncated: planned.truncated };
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, ['since']) };
    }
  }
}

/** Deletes a subscription (`DELETE /v1/subscriptions/:id`) and records it in the audit log. */
@Injectable()
export class DeleteSubscription {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, subscription: MaskedSubscription): Promise<void> {
    await this.services.forUser(viewer).delete('notifications', path(subscription.id));
    await this.audit.record(
      viewer,
      'subscription.deleted',
      { type: 'subscription', id: subscription.id },
      { url: subscription.url, eventTypes: subscription.eventTypes },
    );
  }
}
