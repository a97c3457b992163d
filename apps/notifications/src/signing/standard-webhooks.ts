import { Webhook } from 'standardwebhooks';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/**
 * The Standard Webhooks headers for one message: `webhook-id` (stable across retries), the
 * timestamp, and one `v1,<base64>` signature per valid secret, space-separated (during a rotation's
 * overlap both the old and the new secret sign, so a receiver with either verifies).
 */
export function standardWebhookHeaders(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  if (secrets.length === 0) throw new Error('no signing secret');
  // The spec signs whole seconds; sign and header must agree.
  const seconds = new Date(Math.floor(timestamp.getTime() / 1000) * 1000);
  return {
    [WEBHOOK_ID_HEADER]: messageId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(seconds.getTime() / 1000),
    [WEBHOOK_SIGNATURE_HEADER]: secrets.map((secret) => new Webhook(secret).sign(messageId, seconds, body)).join(' '),
  };
}
