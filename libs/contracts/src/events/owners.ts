import { z } from 'zod';
import { channelType } from './goal-evaluated';

/**
 * v1, on the INTERNAL topic pejling.internal.owners.v1 (never readable by integrators): an owner's
 * contact details as goals stores them, so notifications can reach the owners that public events
 * name by id only. Published in the same transaction as every change of an owner (create, update,
 * delete) and as a full snapshot when goals starts or an admin asks, so a fresh notifications
 * catches up. All events share one key, so they stay in order; `updatedAt` lets a consumer ignore
 * a snapshot row older than what it already has.
 */
export const ownerContactsChangedV1 = z.object({
  ownerId: z.string().uuid(),
  name: z.string(),
  /** Every channel the owner is reached on, the email address included. Empty when deleted. */
  channels: z.array(z.object({ type: channelType, target: z.string().min(1) })),
  language: z.enum(['da', 'en']),
  timeZone: z.string().min(1),
  /** The owner was deleted (it owns no goals any more). */
  deleted: z.boolean(),
  /** When goals last changed the owner: a consumer keeps the newest. */
  updatedAt: z.string().datetime({ offset: true }),
  /** Part of a full snapshot rather than a change. */
  snapshot: z.boolean(),
});
export type OwnerContactsChangedV1 = z.infer<typeof ownerContactsChangedV1>;
export type OwnerContactsChanged = OwnerContactsChangedV1;

/** The message key of every owner event: one partition, so per-owner order holds. */
export const OWNER_EVENTS_KEY = '000';
