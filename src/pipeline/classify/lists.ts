import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPES, type EventType } from '../../vocabulary.js';
import { type NetworkSet, networkSet } from './networks.js';

/**
 * What a listed network or user agent is: a mail provider's image proxy (whose opens are real),
 * Apple's privacy prefetch, or a security scanner.
 */
export type ListRole = 'apple_mpp' | 'gmail_proxy' | 'yahoo_proxy' | 'outlook_proxy' | 'scanner';

const ROLES: readonly ListRole[] = [
  'apple_mpp',
  'gmail_proxy',
  'yahoo_proxy',
  'outlook_proxy',
  'scanner',
];

export interface NetworkList {
  /** The file name without `.json`. */
  readonly name: string;
  readonly role: ListRole;
  readonly set: NetworkSet;
}

export interface AgentRule {
  /** `file#entry name`, reported as the verdict's detail. */
  readonly name: string;
  readonly role: ListRole;
  /** Hit types the entry applies to; absent means every type. */
  readonly types: ReadonlySet<EventType> | undefined;
  test(userAgent: string): boolean;
}

export interface ListSummary {
  readonly name: string;
  readonly kind: 'networks' | 'user-agents';
  readonly role: ListRole | undefined;
  readonly source: string;
  readonly retrieved: string;
  readonly partial: boolean;
  readonly entries: number;
}

/** The parsed contents of data/classifier: built once at start, shared by every hit. */
export interface ClassifierLists {
  readonly networks: readonly NetworkList[];
  /** Proxy and privacy rules come before scanner rules, so a proxy is never taken for a scanner. */
  readonly agents: readonly AgentRule[];
  readonly files: readonly ListSummary[];
}

/** The repository's data/classifier, found from this module so it works from src/ and dist/. */
export const DEFAULT_LISTS_DIR = fileURLToPath(
  new URL('../../../data/classifier/', import.meta.url),
);

/** Reads every `*.json` in `dir`; a malformed file stops start-up with its name and the fault. */
export function loadClassifierLists(dir: string = DEFAULT_LISTS_DIR): ClassifierLists {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const path = join(dir, name);
    try {
      files[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`classifier list ${path}: ${(error as Error).message}`);
    }
  }
  return buildClassifierLists(files);
}

/** Builds the lists from parsed files, keyed by name (what loadClassifierLists does after reading). */
export function buildClassifierLists(files: Readonly<Record<string, unknown>>): ClassifierLists {
  const networks: NetworkList[] = [];
  const agents: AgentRule[] = [];
  const summaries: ListSummary[] = [];
  for (const [name, content] of Object.entries(files)) {
    try {
      const file = parseHeader(content);
      if (file.kind === 'networks') {
        const role = requireRole(file.role, 'role');
        const cidrs = file.entries.map((entry, i) => networkEntry(entry, i));
        networks.push({ name, role, set: networkSet(cidrs) });
        summaries.push({ ...summary(name, file), role });
      } else {
        const fallback = file.role === undefined ? undefined : requireRole(file.role, 'role');
        file.entries.forEach((entry, i) => {
          agents.push(agentRule(name, entry, i, fallback));
        });
        summaries.push({ ...summary(name, file), role: fallback });
      }
    } catch (error) {
      throw new Error(`classifier list ${name}.json: ${(error as Error).message}`);
    }
  }
  const rank = (role: ListRole) => (role === 'scanner' ? 1 : 0);
  agents.sort((a, b) => rank(a.role) - rank(b.role));
  return { networks, agents, files: summaries };
}

interface Header {
  kind: 'networks' | 'user-agents';
  role: unknown;
  source: string;
  retrieved: string;
  partial: boolean;
  entries: unknown[];
}

function parseHeader(content: unknown): Header {
  if (typeof content !== 'object' || content === null) throw new Error('not a JSON object');
  const file = content as Record<string, unknown>;
  if (file.kind !== 'networks' && file.kind !== 'user-agents') {
    throw new Error('kind must be "networks" or "user-agents"');
  }
  // Every list says where it comes from and when, so a reader can check and refresh it.
  if (typeof file.source !== 'string' || file.source.trim() === '') {
    throw new Error('source (where the entries come from) is required');
  }
  if (typeof file.retrieved !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(file.retrieved)) {
    throw new Error('retrieved must be a date, YYYY-MM-DD');
  }
  if (!Array.isArray(file.entries) || file.entries.length === 0) {
    throw new Error('entries must be a non-empty array');
  }
  return {
    kind: file.kind,
    role: file.role,
    source: file.source,
    retrieved: file.retrieved,
    partial: file.partial === true,
    entries: file.entries,
  };
}

function summary(name: string, file: Header): Omit<ListSummary, 'role'> {
  return {
    name,
    kind: file.kind,
    source: file.source,
    retrieved: file.retrieved,
    partial: file.partial,
    entries: file.entries.length,
  };
}

function requireRole(value: unknown, where: string): ListRole {
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) {
    return value as ListRole;
  }
  throw new Error(`${where} must be one of ${ROLES.join(', ')}`);
}

function networkEntry(entry: unknown, index: number): string {
  if (typeof entry === 'string') return entry;
  const cidr = (entry as { cidr?: unknown } | null)?.cidr;
  if (typeof cidr === 'string') return cidr;
  throw new Error(`entries[${index}] must be a CIDR string or {"cidr": …}`);
}

function agentRule(
  file: string,
  entry: unknown,
  index: number,
  fallback: ListRole | undefined,
): AgentRule {
  if (typeof entry !== 'object' || entry === null)
    throw new Error(`entries[${index}]: not an object`);
  const e = entry as Record<string, unknown>;
  const label = typeof e.name === 'string' ? e.name : `entries[${index}]`;
  const role = requireRole(e.role ?? fallback, `${label}: role`);
  let types: Set<EventType> | undefined;
  if (e.types !== undefined) {
    if (!Array.isArray(e.types) || !e.types.every((t) => EVENT_TYPES.includes(t as EventType))) {
      throw new Error(`${label}: types must list hit types (${EVENT_TYPES.join(', ')})`);
    }
    types = new Set(e.types as EventType[]);
  }
  let test: (userAgent: string) => boolean;
  if (typeof e.exact === 'string') {
    const exact = e.exact;
    test = (userAgent) => userAgent.trim() === exact;
  } else if (typeof e.pattern === 'string') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(e.pattern, 'i');
    } catch (error) {
      throw new Error(`${label}: ${(error as Error).message}`);
    }
    test = (userAgent) => pattern.test(userAgent);
  } else {
    throw new Error(`${label}: needs "pattern" (a regular expression) or "exact"`);
  }
  return { name: `${file}#${label}`, role, types, test };
}
