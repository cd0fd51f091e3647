import {
  type Db,
  findNoticeMessages,
  listListeningFollowersOf,
  listMessageAttachments,
  listMessageLinksOf,
  type NoticeMessage,
} from '../store/index.js';

/**
 * What a job's runs read about their messages, read once per job: the runs of a job mostly share
 * a few messages (a newsletter's copies, a thread's repeats). Each read takes the transaction it
 * runs in (SQLite has one connection); what it finds does not change within a job.
 */
export class JobLookups {
  readonly #messages = new Map<string, NoticeMessage | undefined>();
  readonly #followers = new Map<string, EachOf<typeof listListeningFollowersOf> | undefined>();
  readonly #links = new Map<string, EachOf<typeof listMessageLinksOf> | undefined>();
  readonly #attachments = new Map<string, Read<typeof listMessageAttachments>>();

  /** The message of each id, when it exists. */
  messages(db: Db, ids: readonly string[]) {
    return readMissing(this.#messages, ids, (missing) => findNoticeMessages(db, missing));
  }
  /** Each message's listening followers. */
  async followers(db: Db, messageIds: readonly string[]) {
    const of = await readMissing(this.#followers, messageIds, (missing) =>
      listListeningFollowersOf(db, missing),
    );
    return (messageId: string) => of(messageId) ?? [];
  }
  /** Each message's links. */
  async links(db: Db, messageIds: readonly string[]) {
    const of = await readMissing(this.#links, messageIds, (missing) =>
      listMessageLinksOf(db, missing),
    );
    return (messageId: string) => of(messageId) ?? [];
  }
  attachments(db: Db, messageId: string) {
    return remembered(this.#attachments, messageId, () => listMessageAttachments(db, messageId));
  }
}

type Read<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The value type of the Map a many-keys read resolves to. */
type EachOf<F extends (...args: never[]) => unknown> =
  Read<F> extends Map<string, infer V> ? V : never;

/**
 * Reads the keys `known` has not seen yet with one `read` of them all (a key `read` does not
 * find is remembered as absent), then answers for any key from `known`.
 */
async function readMissing<V>(
  known: Map<string, V | undefined>,
  keys: readonly string[],
  read: (missing: string[]) => Promise<Map<string, V>>,
): Promise<(key: string) => V | undefined> {
  const missing = [...new Set(keys)].filter((key) => !known.has(key));
  if (missing.length > 0) {
    const found = await read(missing);
    for (const key of missing) known.set(key, found.get(key));
  }
  return (key) => known.get(key);
}

async function remembered<V>(map: Map<string, V>, key: string, read: () => Promise<V>): Promise<V> {
  if (map.has(key)) return map.get(key) as V;
  const value = await read();
  map.set(key, value);
  return value;
}
