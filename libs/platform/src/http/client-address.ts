import { isIP } from 'node:net';
import type { Request } from 'express';
import { z } from 'zod';

/**
 * The address a request came from, as rate limits count it: the socket's, unless the app was told
 * to trust a proxy in front of it (TRUST_PROXY), in which case Express takes it from
 * X-Forwarded-For, but only past the proxies it trusts. A client can forge that header, so it is
 * never read on its own.
 */
export function clientAddress(request: Pick<Request, 'ip' | 'socket'>): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}

/**
 * The key a rate limit counts an address under: an IPv4 address as it is (also when mapped into
 * IPv6), an IPv6 address by its /64, since one subscriber commonly holds a whole /64 and could
 * otherwise take a fresh address for every request.
 */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  return isIP(address) === 6 ? `${ipv6Groups(address).slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, `::` expanded and leading zeros dropped (a zone such as %eth0 ignored). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false` (the default: the socket's address counts), or the proxies in front of the
 * app, comma-separated: addresses, CIDR ranges and Express' names `loopback`, `linklocal`,
 * `uniquelocal`. `true` and hop counts are refused: they would trust whatever connects.
 */
export const trustProxySetting = z
  .string()
  .trim()
  .default('false')
  .superRefine((value, context) => {
    if (value === 'false') return;
    for (const entry of value.split(',').map((part) => part.trim())) {
      if (!isTrustedProxyEntry(entry))
        context.addIssue({
          code: 'custom',
          message: `'${entry.slice(0, 60)}' is not an address, a CIDR range or one of ${PROXY_NAMES.join(', ')} (or set false)`,
        });
    }
  });

function isTrustedProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The value for Express' `trust proxy` setting, or undefined to leave it off. */
export function trustedProxies(setting: string): string[] | undefined {
  if (setting.trim() === 'false') return undefined;
  return setting.split(',').map((part) => part.trim());
}
