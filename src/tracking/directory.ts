import { Lru } from '../lru.js';
import {
  type AggregateMessage,
  type Db,
  findAggregateMessage,
  findMessageLink,
  findTrackedCopy,
  listMessageLinks,
  listRecentAggregateMessages,
  listRecentTrackedCopies,
  type TrackedCopy,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';

/** The directory starts with the copies of mail sent this recently… */
const WARM_DAYS = 30;
/** …at most this many: hits on older mail are rarer, and wait for one query each. */
const WARM_COPIES = 100_000;

/** What every copy of one message has alike. */
const MESSAGE_FIELDS = [
  'messageId',
  'workspaceId',
  'subject',
  'fromEmail',
  'fromName',
  'language',
  'workspaceName',
] as const satisfies readonly (keyof TrackedCopy)[];
type MessageFields = Pick<TrackedCopy, (typeof MESSAGE_FIELDS)[number]>;

const pickMessageFields = (copy: TrackedCopy): MessageFields => ({
  messageId: copy.messageId,
  workspaceId: copy.workspaceId,
  subject: copy.subject,
  fromEmail: copy.fromEmail,
  fromName: copy.fromName,
  language: copy.language,
  workspaceName: copy.workspaceName,
});

/**
 * Where a tracking id or a link number leads, kept in memory: a hit does one lookup and no query
 * once its copy is known, and clicks keep redirecting while the database is unreachable (links
 * never change after sending). Started warm with the copies of recently sent mail.
 */
export class TrackingDirectory {
  readonly #copies: Lru<string, TrackedCopy>;
  /** The fields a message's copies share, one instance per message in memory. */
  readonly #messages: Lru<string, MessageFields>;
  readonly #links: Lru<string, string>;
  readonly #aggregates: Lru<string, AggregateMessage>;

  constructor(
    private readonly db: Db,
    maxEntries = 200_000,
  ) {
    this.#copies = new Lru(maxEntries);
    this.#links = new Lru(maxEntries);
    this.#messages = new Lru(Math.max(1, Math.floor(maxEntries / 4)));
    // One entry per message (not per recipient): a small share of the copies' room.
    this.#aggregates = new Lru(Math.max(1, Math.floor(maxEntries / 10)));
  }

  /** The message whose shared pixel (the `aggregate` policy) carries this id, from memory first. */
  async aggregate(aggregateId: string): Promise<AggregateMessage | undefined> {
    const cached = this.#aggregates.get(aggregateId);
    if (cached) return cached;
    const found = await findAggregateMessage(this.db, aggregateId);
    if (found) this.#aggregates.set(aggregateId, found);
    return found;
  }

  /** The copy, when it is in memory: the hot path's lookup, with no promise to wait for. */
  cached(trackingId: string): TrackedCopy | undefined {
    return this.#copies.get(trackingId);
  }

  /** A link's target, when it is in memory. */
  cachedLink(messageId: string, index: number): string | undefined {
    return this.#links.get(`${messageId}:${index}`);
  }

  async copy(trackingId: string): Promise<TrackedCopy | undefined> {
    const cached = this.#copies.get(trackingId);
    if (cached) return cached;
    const found = await findTrackedCopy(this.db, trackingId);
    if (!found) return undefined;
    // The copy's links come along: its clicks then need no query, even without a database.
    await this.#loadLinks(found.messageId);
    return this.#remember(found);
  }

  async link(messageId: string, index: number): Promise<string | undefined> {
    const key = `${messageId}:${index}`;
    const cached = this.#links.get(key);
    if (cached !== undefined) return cached;
    const found = await findMessageLink(this.db, messageId, index);
    if (found) this.#links.set(key, found.url);
    return found?.url;
  }

  /**
   * Loads the copies and links of the mail sent in the last WARM_DAYS (at most WARM_COPIES), and
   * that mail's shared pixels (a tenth as many). Returns how many copies it loaded.
   */
  async warm(now = Date.now()): Promise<number> {
    const copies = await listRecentTrackedCopies(this.db, now - WARM_DAYS * DAY_MS, WARM_COPIES);
    const messages = new Set<string>();
    for (const copy of copies.reverse()) {
      this.#remember(copy);
      messages.add(copy.messageId);
    }
    for (const messageId of messages) await this.#loadLinks(messageId);
    // Shared pixels too, so that their opens are recorded (spooled) while the database is away.
    const aggregates = await listRecentAggregateMessages(
      this.db,
      now - WARM_DAYS * DAY_MS,
      WARM_COPIES / 10,
    );
    for (const message of aggregates.reverse()) this.#aggregates.set(message.aggregateId, message);
    return copies.length;
  }

  /**
   * Keeps `copy`, its message's fields (subject, sender, workspace…) shared with the other copies
   * of that message in memory rather than a string of their own per copy, as each row read from
   * the database brings: 200,000 copies of 20,000 messages took ~230 MB of heap, each ~1.1 KB,
   * mostly those strings. Fields that changed since (a renamed workspace) start a new instance.
   */
  #remember(copy: TrackedCopy): TrackedCopy {
    let shared = this.#messages.get(copy.messageId);
    if (shared === undefined || !MESSAGE_FIELDS.every((field) => shared![field] === copy[field])) {
      shared = pickMessageFields(copy);
      this.#messages.set(copy.messageId, shared);
    }
    const kept: TrackedCopy = { ...copy, ...shared };
    this.#copies.set(copy.trackingId, kept);
    return kept;
  }

  async #loadLinks(messageId: string): Promise<void> {
    const links = await listMessageLinks(this.db, messageId);
    for (const link of links) this.#links.set(`${messageId}:${link.idx}`, link.url);
  }
}
