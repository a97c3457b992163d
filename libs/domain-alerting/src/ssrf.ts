/**
 * Classifies an IP address for the webhook SSRF guard: only `public` addresses may be called
 * unless private targets are explicitly allowed. Covers IPv4 and IPv6, IPv4-mapped IPv6
 * (::ffff:127.0.0.1) and the cloud metadata addresses.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

export function classifyAddress(address: string): AddressClass {
  const text = address.trim().replace(/^\[|\]$/g, '');
  const v4 = parseIPv4(text);
  if (v4) return classifyIPv4(v4);
  const v6 = parseIPv6(text);
  if (!v6) return 'invalid';
  return classifyIPv6(v6);
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function classifyIPv4([a, b, c, d]: number[]): AddressClass {
  if (a === 169 && b === 254 && c === 169 && d === 254) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if (a >= 224 && a <= 239) return 'multicast';
  // 192.0.0/24 (IETF), 192.0.2/24, 198.51.100/24, 203.0.113/24 (documentation), 198.18/15 (benchmarking), 240/4 and broadcast.
  if (
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 240
  ) {
    return 'reserved';
  }
  return 'public';
}

/** Eight 16-bit groups, or undefined. */
function parseIPv6(text: string): number[] | undefined {
  let address = text.split('%')[0].toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return undefined;
  // A trailing dotted IPv4 part (::ffff:127.0.0.1) is two 16-bit groups.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (!v4) return undefined;
    address = `${address.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = toGroups(halves[0]);
  const right = halves.length === 2 ? toGroups(halves[1]) : [];
  if (![...left, ...right].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  const explicit = left.length + right.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const zeros = halves.length === 2 ? new Array(8 - explicit).fill(0) : [];
  return [...left, ...zeros.map(String), ...right].map((group) => parseInt(String(group), 16));
}

function classifyIPv6(groups: number[]): AddressClass {
  const allZeroUpTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (allZeroUpTo(8)) return 'unspecified';
  if (allZeroUpTo(7) && groups[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the embedded IPv4 address.
  if (allZeroUpTo(5) && (groups[5] === 0xffff || groups[5] === 0)) {
    return classifyIPv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
  }
  // NAT64 (64:ff9b::/96) reaches IPv4 addresses too.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return classifyIPv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
  }
  // AWS' IPv6 instance metadata service, fd00:ec2::254.
  if (groups[0] === 0xfd00 && groups[1] === 0x0ec2 && groups.slice(2, 7).every((group) => group === 0) && groups[7] === 0x254)
    return 'metadata';
  if ((groups[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((groups[0] & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((groups[0] & 0xff00) === 0xff00) return 'multicast';
  if (groups[0] === 0x2001 && groups[1] === 0x0db8) return 'reserved'; // documentation
  if (groups[0] === 0x0100 && groups.slice(1, 4).every((group) => group === 0)) return 'reserved'; // discard-only
  return 'public';
}
