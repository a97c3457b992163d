import { z } from 'zod';
import { NotificationItem } from '@pejling/domain-alerting';

/** What Acknowledgements keeps in an item's details: who acknowledged, their note and when. */
const storedAcknowledgement = z.object({ by: z.string(), note: z.string(), at: z.string() });

/** The acknowledgement an item's details tell of (null: none); details that do not fit are an error naming the item. */
export function storedAcknowledgementOf(itemId: string, details: Record<string, unknown>): NotificationItem['acknowledgement'] {
  if (details.acknowledgement === undefined || details.acknowledgement === null) return null;
  const parsed = storedAcknowledgement.safeParse(details.acknowledgement);
  if (!parsed.success)
    throw new Error(`notification_items row ${itemId} holds an invalid acknowledgement: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
