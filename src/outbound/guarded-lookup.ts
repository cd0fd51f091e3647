import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { forbiddenAddress } from './ip-ranges.js';

/** The error a connection fails with when its host resolved to a refused address. */
export class ForbiddenTargetError extends Error {
  override readonly name = 'ForbiddenTargetError';
  readonly code = 'EOUTBOUNDFORBIDDEN';
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

/**
 * A `lookup` for net, tls and http(s) connections that resolves, checks every address and hands
 * the connection exactly the addresses it checked: DNS answering differently between a check
 * and the connect (rebinding) cannot slip a private address through. Node calls it with
 * `all: true` when it tries several addresses (happy eyeballs, RFC 8305), with one otherwise.
 */
export function guardedLookup(resolveAll: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(
      hostname,
      { family: options.family, hints: options.hints, all: true },
      (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 4);
        for (const { address } of addresses) {
          const kind = forbiddenAddress(address);
          if (kind) {
            const refused = new ForbiddenTargetError(
              `${hostname} resolves to a ${kind} address (${address})`,
            );
            return callback(refused, '', 4);
          }
        }
        const first = addresses[0];
        if (!first) return callback(new Error(`${hostname} does not resolve`), '', 4);
        if (options.all) return (callback as AllCallback)(null, addresses);
        callback(null, first.address, first.family);
      },
    );
  };
}
