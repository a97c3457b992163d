import { Inject, Injectable } from '@nestjs/common';
import { Recipient } from '@pejling/domain-alerting';
import { SERVICE_ENV, UnitOfWork } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { planItems, PlannedItem, QueuedDelivery } from './delivery-planner';

/**
 * Plans one step for every recipient on each of their channels, grouped within the alert group
 * window. Its own piece so alert intake, reminders, acknowledgements and delivery outcomes (a
 * disabled endpoint's notice) all plan the same way without depending on one another.
 */
@Injectable()
export class RecipientPlanner {
  constructor(@Inject(SERVICE_ENV) private readonly env: NotificationsEnv) {}

  /** One item per recipient and channel. */
  /** `manager`: the transaction's, from the use case that plans. */
  plan(
    manager: UnitOfWork['manager'],
    recipients: readonly Recipient[],
    base: Omit<PlannedItem, 'recipient' | 'channel'>,
  ): Promise<QueuedDelivery[]> {
    const items = recipients.flatMap((recipient) => recipient.channels.map((channel) => ({ ...base, recipient, channel })));
    return planItems(manager, items, this.env.ALERT_GROUP_WINDOW_MS);
  }
}
