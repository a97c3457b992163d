import type { DeliveriesTexts } from './deliveries.texts';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, DeliveryFilter } from './deliveries.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters from the URL: the valid ones are used, each invalid one is named next to its field. */
export function deliveryFilter(
  query: Record<string, unknown>,
  texts: DeliveriesTexts,
): { filter: DeliveryFilter; values: Record<string, string>; errors: Record<string, string> } {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  const values = {
    status: text('status'),
    channel: text('channel'),
    goal: text('goal'),
    municipality: text('municipality'),
    since: text('since'),
  };
  const filter: DeliveryFilter = {};
  const errors: Record<string, string> = {};
  if ((DELIVERY_STATUSES as readonly string[]).includes(values.status)) filter.status = values.status;
  if ((DELIVERY_CHANNELS as readonly string[]).includes(values.channel)) filter.channel = values.channel;
  if (values.goal) {
    if (UUID.test(values.goal)) filter.goal = values.goal;
    else errors.goal = texts.goalInvalid;
  }
  if (values.municipality) {
    if (/^\d{3}$/.test(values.municipality)) filter.municipality = values.municipality;
    else errors.municipality = texts.municipalityInvalid;
  }
  if (values.since) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(values.since) && !Number.isNaN(Date.parse(values.since))) filter.since = values.since;
    else errors.since = texts.sinceInvalid;
  }
  return { filter, values, errors };
}

/** The filter as a query string (the page's own URL and the service's). */
export function filterQuery(filter: DeliveryFilter, forService = false): string {
  const entries = Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]);
  return new URLSearchParams(
    entries.map(([key, value]): [string, string] => [key, forService && key === 'since' ? `${value}T00:00:00Z` : value]),
  ).toString();
}
