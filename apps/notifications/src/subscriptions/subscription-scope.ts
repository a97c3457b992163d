import { NotFoundException } from '@nestjs/common';
import { assertInScope, isUnscoped, Principal } from '@pejling/platform';
import { Subscription } from './subscriptions.repository';

/**
 * A scoped principal sees a subscription only when every municipality it covers is in scope (one
 * for all municipalities is an unscoped principal's). Out of scope is a 404, as if it did not exist.
 */
export function assertSubscriptionVisible(principal: Principal, subscription: Subscription | undefined, id: string): Subscription {
  const visible =
    subscription &&
    (isUnscoped(principal) ||
      (subscription.municipalities !== null && subscription.municipalities.every((code) => principal.municipalities.includes(code))));
  if (!visible) throw new NotFoundException(`No subscription with id ${id}.`);
  return subscription;
}

/** A subscription's municipalities must lie within the principal's scope; a scoped principal must name them (403 otherwise). */
export function assertMunicipalitiesInScope(principal: Principal, municipalities: string[] | null): void {
  if (isUnscoped(principal)) return;
  if (municipalities === null || municipalities.length === 0) assertInScope(principal, null, 'a subscription');
  for (const code of municipalities ?? []) assertInScope(principal, code, 'a subscription');
}
