import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { classifyAddress } from '@pejling/domain-alerting';

/** A target the SSRF guard refuses: never retried, the delivery is dead-lettered with the reason. */
export class RefusedTargetError extends Error {
  override name = 'RefusedTargetError';
  readonly code = 'PEJLING_REFUSED_TARGET';
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/**
 * POSTs a body to a webhook URL. Unless private targets are allowed, the address is checked where
 * the connection is made (the `lookup` of the socket), so a name that resolves to a public address
 * when configured and to 127.0.0.1 when sent (DNS rebinding) is still refused; literal IPs are
 * checked before connecting. Redirects are not followed.
 */
export function postWebhook(url: string, body: string, options: PostOptions): Promise<{ status: number }> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateTargets && isIP(host)) {
    const kind = classifyAddress(host);
    if (kind !== 'public')
      return Promise.reject(
        new RefusedTargetError(`refused: ${host} is a ${kind} address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow)`),
      );
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: options.timeoutMs,
        ...(options.allowPrivateTargets ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses non-public addresses (handles both the single and the `all` form sockets use). */
function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = addresses.find((entry) => classifyAddress(entry.address) !== 'public');
    if (refused) {
      return callback(
        new RefusedTargetError(
          `refused: ${hostname} resolves to ${refused.address}, a ${classifyAddress(refused.address)} address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow)`,
        ),
        '',
      );
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

export function isRefusedTarget(error: unknown): boolean {
  return (error as { code?: string })?.code === 'PEJLING_REFUSED_TARGET';
}
