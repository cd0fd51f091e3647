/**
 * The outbound policy (DESIGN.md, ALLOW_PRIVATE_NETWORKS): where a connection that a workspace
 * configured (a webhook, its SMTP relay, any later connector such as IMAP) may go. One owner:
 * every connector asks here, at save time and again at connect time.
 */
export { ForbiddenTargetError, guardedLookup } from './guarded-lookup.js';
export {
  canonicalHost,
  checkOutboundHost,
  type HostCheck,
  hostResolves,
  isLocalhostName,
  literalHostRefusal,
  type OutboundPolicy,
  type Resolver,
  systemResolver,
} from './host-check.js';
export { forbiddenAddress } from './ip-ranges.js';
