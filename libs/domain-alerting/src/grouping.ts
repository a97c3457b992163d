import { ChannelKind } from './types';

/**
 * Messages for people (email, Teams, Slack) are grouped: alerts to the same recipient and channel
 * about the same municipality within the group window become one message, so a benchmark revision
 * that flips 30 goals sends one email, not 30. A generic webhook feeds a machine and gets each alert
 * on its own, so integrators keep one payload per event.
 */
export function isGroupedChannel(channel: ChannelKind): boolean {
  return channel !== 'webhook';
}

export function groupKey(recipientKey: string, channel: ChannelKind, target: string, municipality: string): string {
  return [recipientKey, channel, target, municipality].join('|');
}

/**
 * The idempotency key of one step of one episode (or one notice) for one recipient on one channel:
 * unique in the database, so a redelivered event, a crash or a second instance cannot queue it twice.
 */
export function itemKey(subjectId: string, recipientKey: string, channel: ChannelKind, target: string, step: string): string {
  return [subjectId, recipientKey, channel, target, step].join('|');
}
