import { z } from 'zod';
import { CHANNEL_KINDS, Recipient } from '@pejling/domain-alerting';

/** A recipient as an episode keeps it (`episodes.recipients`); loose, so what else a row holds is kept as it was. */
export const storedRecipient = z.looseObject({
  key: z.string(),
  name: z.string(),
  channels: z.array(z.looseObject({ type: z.enum(CHANNEL_KINDS), target: z.string() })),
  language: z.enum(['da', 'en']),
  timeZone: z.string(),
});

/** An episode's stored recipients, parsed; recipients that do not fit are an error naming the episode. */
export function storedRecipientsOf(episodeId: string, recipients: unknown): Recipient[] {
  const parsed = z.array(storedRecipient).safeParse(recipients);
  if (!parsed.success) throw new Error(`episodes row ${episodeId} holds invalid recipients: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
