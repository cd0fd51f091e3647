/**
 * The hot queries of docs/storage.md keep their indexes: each query, as the store function runs
 * it (its SQL taken from a recording connection, so a changed query is checked as it now is), is
 * planned by the real engine over a seeded, ANALYZEd database, and the plan must read the index
 * the document names and never scan the whole of the query's big tables. A query losing its index
 * (a migration dropping it, a rewrite it no longer fits) fails here; the last test shows it does,
 * by dropping two indexes inside a transaction it rolls back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import {
  claimDueJobs,
  countOpensUpToEach,
  countUnread,
  type Database,
  deleteEventsOfErased,
  findChatFoldTargets,
  findEventsByIds,
  findFoldTargets,
  findTrackedCopy,
  keepReachBefore,
  listChatLines,
  listEventIdsOf,
  listListeningFollowersOf,
  listMessageEvents,
  listMessageRates,
  listMessages,
  listNotifications,
  listNotificationsChangedAfter,
  listRecentHitsOf,
  listRecipients,
  listRecipientsOfMessages,
  listSenderRates,
  markOptedOut,
  newId,
  purgeEventsBefore,
  purgeNotificationsBefore,
  purgeTrackingLinesBefore,
  reachPerDay,
  recipientsForHits,
  relabelEvent,
  sentPerDay,
} from '../../../src/store/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import { type EngineName, testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

// The seeded volume: enough rows that PostgreSQL's planner prefers an index wherever one serves.
const WORKSPACES = 10;
const MESSAGES = 6_000;
const RECIPIENTS_PER_MESSAGE = 2;
const EVENTS = 60_000;
const NOTIFICATIONS = 20_000;
const JOBS = 10_000;
const NOW = Date.UTC(2026, 10, 30);
const SPAN = 400 * DAY_MS;

type Executor = Kysely<Database>;

/** A connection that runs nothing: it keeps each query a store function sends, and answers []. */
function recorder(engine: EngineName): { db: Executor; taken: CompiledQuery[] } {
  const taken: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async (query) => {
      taken.push(query);
      return { rows: [] };
    },
    streamQuery: async function* () {},
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  const pg = engine === 'postgres';
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => driver,
      createIntrospector: (k) => (pg ? new PostgresIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    plugins: [new CamelCasePlugin()],
  });
  return { db, taken };
}

/** One step of a plan: the table it reads (as named or aliased), how, and through which index. */
interface Step {
  readonly text: string;
  readonly fullScanOf: string | undefined;
  readonly index: string | undefined;
}

async function planOf(db: Executor, engine: EngineName, query: CompiledQuery): Promise<Step[]> {
  const plain = db.withoutPlugins();
  if (engine === 'sqlite') {
    const { rows } = await plain.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map(({ detail }) => ({
      text: detail,
      // "SCAN events", "SCAN e USING INDEX …": every row of the table (or its index) read.
      fullScanOf: /^SCAN (\w+)/.exec(detail)?.[1],
      index:
        /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1] ??
        (/USING INTEGER PRIMARY KEY/.test(detail) ? 'rowid' : undefined),
    }));
  }
  const { rows } = await plain.executeQuery<{ 'QUERY PLAN': [{ Plan: PgNode }] }>(
    CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
  );
  const steps: Step[] = [];
  const walk = (node: PgNode) => {
    const table = node['Relation Name'];
    steps.push({
      text: `${node['Node Type']}${table ? ` on ${table}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`,
      fullScanOf: node['Node Type'] === 'Seq Scan' ? table : undefined,
      index: node['Index Name'],
    });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!['QUERY PLAN'][0].Plan);
  return steps;
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PgNode[];
}

/** A hot query of docs/storage.md: what runs it, and what its plan must read. */
interface HotQuery {
  readonly name: string;
  /** Calls the store function on the recording connection; the queries it sends are checked. */
  readonly run: (db: Executor) => Promise<unknown>;
  /** Indexes the plan must use, per engine (each entry: one of these names). */
  readonly indexes: { readonly [E in EngineName]: readonly (string | readonly string[])[] };
  /** Tables (or their aliases in the SQL) that must never be read whole. */
  readonly neverScanned: readonly string[];
  /** Each statement sent must read one of the indexes (not only one of them all). */
  readonly eachStatement?: boolean;
}

/** Ids, addresses and keys of the seeded rows that the queries ask for. */
interface Seeded {
  workspaceId: string;
  messageIds: string[];
  recipientIds: string[];
  eventIds: string[];
  trackingId: string;
  userId: string;
  seq: string;
  foldKeys: string[];
}

function hotQueries(engine: EngineName, seeded: Seeded): HotQuery[] {
  const { workspaceId, messageIds, recipientIds, eventIds } = seeded;
  const messageId = messageIds[0]!;
  const pkOf = (table: string, n = 1) => ({
    sqlite: `sqlite_autoindex_${table}_${n}`,
    postgres: `${table}_pkey`,
  });
  const events = { sqlite: pkOf('events').sqlite, postgres: pkOf('events').postgres };
  return [
    // The tracking pipeline (processing stage and fan-out).
    {
      name: 'recentHitsOf (a batch’s new copies’ histories)',
      run: (db) => listRecentHitsOf(db, recipientIds.slice(0, 100), 100),
      indexes: { sqlite: ['events_recipient_type'], postgres: ['events_recipient_type'] },
      neverScanned: ['events', 'e'],
    },
    {
      name: 'countOpensUpToEach (a notification’s ordinal)',
      run: (db) =>
        countOpensUpToEach(
          db,
          eventIds.slice(0, 50).map((id, i) => ({ id, recipientId: recipientIds[i]! })),
        ),
      indexes: { sqlite: ['events_recipient_type'], postgres: ['events_recipient_type'] },
      neverScanned: ['events', 'e'],
    },
    {
      name: 'findEventsByIds (a notify job’s events)',
      run: (db) => findEventsByIds(db, eventIds.slice(0, 500)),
      indexes: { sqlite: [events.sqlite], postgres: [events.postgres] },
      neverScanned: ['events'],
    },
    {
      name: 'relabelEvent',
      run: (db) => relabelEvent(db, eventIds[0]!, 'human', 'machine', 'scanner'),
      indexes: { sqlite: [events.sqlite], postgres: [events.postgres] },
      neverScanned: ['events'],
    },
    {
      // Few ids: with only 12,000 copies seeded, a hash join over all of them is what PostgreSQL
      // picks for a hundred (docs/storage.md shows the plan at volume).
      name: 'recipientsForHits (a batch’s recipients and copies)',
      run: (db) => recipientsForHits(db, recipientIds.slice(0, 10)),
      indexes: {
        sqlite: [pkOf('recipients').sqlite, pkOf('copies').sqlite],
        postgres: [pkOf('recipients').postgres, pkOf('copies').postgres],
      },
      neverScanned: ['recipients', 'copies'],
    },
    {
      name: 'findTrackedCopy (a hit on a copy not in memory)',
      run: (db) => findTrackedCopy(db, seeded.trackingId),
      indexes: {
        sqlite: [pkOf('recipients', 2).sqlite, pkOf('messages').sqlite],
        postgres: ['recipients_tracking_id_key', pkOf('messages').postgres],
      },
      neverScanned: ['recipients', 'messages'],
    },
    {
      // Few messages, for the same reason (a follower a message here).
      name: 'listListeningFollowersOf (the fan-out’s followers)',
      run: (db) => listListeningFollowersOf(db, messageIds.slice(0, 5)),
      indexes: { sqlite: [pkOf('followers').sqlite], postgres: ['followers_pk'] },
      neverScanned: ['followers'],
    },
    {
      name: 'findFoldTargets (repeats folding into a notification)',
      run: (db) => findFoldTargets(db, [seeded.userId], seeded.foldKeys, NOW - 60_000),
      indexes: { sqlite: ['notifications_fold'], postgres: ['notifications_fold'] },
      neverScanned: ['notifications'],
    },
    {
      name: 'findChatFoldTargets (repeats folding into a chat line)',
      run: (db) => findChatFoldTargets(db, seeded.foldKeys, NOW - 60_000),
      indexes: { sqlite: ['chat_lines_fold'], postgres: ['chat_lines_fold'] },
      neverScanned: ['chat_lines'],
    },
    {
      name: 'markOptedOut',
      run: (db) => markOptedOut(db, workspaceId, 'person7@example.com', NOW),
      indexes: {
        sqlite: ['recipients_workspace_email_key'],
        postgres: ['recipients_workspace_email_key'],
      },
      neverScanned: ['recipients'],
    },
    {
      name: 'claimDueJobs (every worker’s poll)',
      run: (db) =>
        claimDueJobs(db, {
          queue: 'notify',
          now: NOW,
          lockMs: 60_000,
          limit: 10,
          skipLocked: engine === 'postgres',
        }),
      indexes: {
        sqlite: [['jobs_queue_due', 'jobs_queue_locked']],
        postgres: [['jobs_queue_due', 'jobs_queue_locked']],
      },
      neverScanned: ['jobs'],
    },
    {
      name: 'purgeEventsBefore (retention: a batch’s end, its delete, the last millisecond)',
      run: (db) => purgeEventsBefore(db, NOW - 365 * DAY_MS),
      indexes: { sqlite: [events.sqlite], postgres: [events.postgres] },
      neverScanned: ['events'],
      eachStatement: true,
    },
    {
      name: 'keepReachBefore (retention: the statistics of the events about to go)',
      run: (db) => keepReachBefore(db, NOW - 365 * DAY_MS),
      // By id range or by each workspace's time range: the planner picks by the data; either
      // reads only the events about to go.
      indexes: {
        sqlite: [[events.sqlite, 'events_workspace_at']],
        postgres: [[events.postgres, 'events_workspace_at']],
      },
      neverScanned: ['events'],
      eachStatement: true,
    },
    {
      name: 'purgeNotificationsBefore (retention: a batch of old notifications)',
      run: (db) => purgeNotificationsBefore(db, NOW - 365 * DAY_MS),
      indexes: { sqlite: ['notifications_seq'], postgres: ['notifications_seq'] },
      neverScanned: ['notifications'],
    },
    {
      name: 'purgeTrackingLinesBefore (retention: a batch of old tracking lines)',
      run: (db) => purgeTrackingLinesBefore(db, NOW - 365 * DAY_MS),
      indexes: { sqlite: [pkOf('chat_lines').sqlite], postgres: [pkOf('chat_lines').postgres] },
      neverScanned: ['chat_lines'],
    },
    {
      name: 'deleteEventsOfErased (the hourly sweep after erasures)',
      run: (db) => deleteEventsOfErased(db),
      indexes: {
        sqlite: ['recipients_erased', 'events_recipient_type'],
        postgres: ['recipients_erased', 'events_recipient_type'],
      },
      neverScanned: ['events', 'recipients'],
    },
    {
      name: 'listEventIdsOf (an erasure’s events)',
      run: (db) => listEventIdsOf(db, recipientIds.slice(0, 10)),
      indexes: { sqlite: ['events_recipient_type'], postgres: ['events_recipient_type'] },
      neverScanned: ['events'],
    },
    // The sent list.
    {
      name: 'listMessages (a page of the sent list)',
      run: (db) => listMessages(db, workspaceId, { limit: 50, before: messageIds[60] }),
      // PostgreSQL may walk the primary key back from the newest and filter by workspace:
      // docs/storage.md says when, and what it costs.
      indexes: {
        sqlite: ['messages_workspace'],
        postgres: [['messages_workspace', 'messages_pkey']],
      },
      neverScanned: ['messages'],
    },
    {
      name: 'listMessages (the sent list searched, by one sender, drafts left out)',
      run: (db) =>
        listMessages(db, workspaceId, {
          limit: 50,
          draft: false,
          search: 'message 1',
          senderId: seeded.userId,
          trackingEnabled: true,
        }),
      // The search and these filters narrow the same walk back through the workspace's messages
      // (PostgreSQL may gather the workspace's messages by another index it leads, then sort).
      indexes: {
        sqlite: ['messages_workspace'],
        postgres: [['messages_workspace', 'messages_pkey', 'messages_workspace_sent']],
      },
      neverScanned: ['messages'],
    },
    {
      name: 'listMessages (the sent list filtered by what people did)',
      run: (db) => listMessages(db, workspaceId, { limit: 50, opened: false, clicked: true }),
      // SQLite looks each message's recipients up; PostgreSQL may instead gather the recipients
      // with clicks first (a semi-join reading the table): docs/storage.md, "Weak spots".
      indexes: {
        sqlite: ['messages_workspace', 'recipients_message'],
        postgres: [['messages_workspace', 'messages_pkey']],
      },
      neverScanned: ['messages'],
    },
    {
      name: 'listRecipientsOfMessages (the page’s recipients and counters)',
      run: (db) => listRecipientsOfMessages(db, messageIds.slice(0, 50)),
      indexes: { sqlite: ['recipients_message'], postgres: ['recipients_message'] },
      neverScanned: ['recipients'],
    },
    // The message page.
    {
      name: 'listRecipients',
      run: (db) => listRecipients(db, messageId),
      indexes: { sqlite: ['recipients_message'], postgres: ['recipients_message'] },
      neverScanned: ['recipients'],
    },
    {
      name: 'listMessageEvents (the message’s events, a page)',
      run: (db) => listMessageEvents(db, messageId, 100, eventIds[0]),
      indexes: { sqlite: ['events_message'], postgres: ['events_message'] },
      neverScanned: ['events'],
    },
    {
      name: 'listChatLines',
      run: (db) => listChatLines(db, messageId),
      indexes: { sqlite: ['chat_lines_message'], postgres: ['chat_lines_message'] },
      neverScanned: ['chat_lines'],
    },
    // Statistics.
    {
      name: 'reachPerDay (the last 30 days, per day and in all)',
      run: async (db) => {
        await reachPerDay(db, workspaceId, NOW - 30 * DAY_MS, true);
        await reachPerDay(db, workspaceId, NOW - 30 * DAY_MS, false);
      },
      indexes: { sqlite: ['events_workspace_at'], postgres: ['events_workspace_at'] },
      neverScanned: ['events'],
    },
    {
      name: 'sentPerDay (the last 30 days)',
      run: (db) => sentPerDay(db, workspaceId, NOW - 30 * DAY_MS),
      indexes: { sqlite: ['messages_workspace_sent'], postgres: ['messages_workspace_sent'] },
      neverScanned: ['messages'],
    },
    {
      name: 'listMessageRates (the overview’s page of messages sent in 30 days)',
      run: (db) =>
        listMessageRates(
          db,
          workspaceId,
          { from: NOW - 30 * DAY_MS, to: NOW, memberKeys: ['user0-0@example.org'] },
          { limit: 50, after: messageIds[3] },
        ),
      indexes: {
        sqlite: ['messages_workspace_sent', 'recipients_message'],
        postgres: ['messages_workspace_sent', 'recipients_message'],
      },
      neverScanned: ['messages', 'recipients', 'm', 'r'],
    },
    {
      name: 'listSenderRates (the overview’s senders over 90 days)',
      run: (db) =>
        listSenderRates(db, workspaceId, {
          from: NOW - 90 * DAY_MS,
          to: NOW,
          memberKeys: ['user0-0@example.org'],
        }),
      indexes: {
        sqlite: ['messages_workspace_sent', 'recipients_message'],
        postgres: ['messages_workspace_sent', 'recipients_message'],
      },
      neverScanned: ['messages', 'recipients', 'm', 'r'],
    },
    // The notification stream.
    {
      name: 'listNotificationsChangedAfter (a stream resuming)',
      run: (db) => listNotificationsChangedAfter(db, seeded.userId, seeded.seq, 500),
      indexes: { sqlite: ['notifications_user_seq'], postgres: ['notifications_user_seq'] },
      neverScanned: ['notifications'],
    },
    {
      name: 'listNotifications (a page)',
      run: (db) => listNotifications(db, seeded.userId, { limit: 50 }),
      indexes: { sqlite: ['notifications_user'], postgres: ['notifications_user'] },
      neverScanned: ['notifications'],
    },
    {
      name: 'countUnread',
      run: (db) => countUnread(db, seeded.userId),
      indexes: {
        sqlite: [['notifications_user', 'notifications_user_seq', 'notifications_fold']],
        postgres: [['notifications_user', 'notifications_user_seq', 'notifications_fold']],
      },
      neverScanned: ['notifications'],
    },
  ];
}

/** Every plan the query's statements get, checked; throws with the plans when one fails. */
async function checkPlans(db: Executor, engine: EngineName, query: HotQuery): Promise<void> {
  const recording = recorder(engine);
  await query.run(recording.db);
  assert.ok(recording.taken.length > 0, `${query.name}: no query was sent`);
  const plans: Step[][] = [];
  for (const statement of recording.taken) plans.push(await planOf(db, engine, statement));
  const steps = plans.flat();
  const shown = plans.map((plan) => plan.map((s) => s.text).join(' | ')).join('\n');
  // SHOW_PLANS=1 prints them (docs/storage.md quotes them).
  if (process.env.SHOW_PLANS) console.log(`[${engine}] ${query.name}\n${shown}`);
  for (const wanted of query.indexes[engine]) {
    const names = typeof wanted === 'string' ? [wanted] : wanted;
    const reads = (plan: Step[]) =>
      plan.some((step) => step.index !== undefined && names.includes(step.index));
    assert.ok(
      query.eachStatement ? plans.every(reads) : reads(steps),
      `${query.name}: ${query.eachStatement ? 'a statement' : 'the plan'} reads none of ${names.join(', ')}:\n${shown}`,
    );
  }
  const scanned = steps.filter(
    (step) => step.fullScanOf !== undefined && query.neverScanned.includes(step.fullScanOf),
  );
  assert.deepEqual(scanned, [], `${query.name}: a table read whole:\n${shown}`);
}

/** Inserts rows in statements of `perStatement` rows. */
async function insertMany(
  db: Executor,
  table: keyof Database,
  rows: readonly Record<string, unknown>[],
  perStatement = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}

/** A deterministic spread over [0, n): the seeded volume is the same on every run. */
const spread = (i: number, n: number) => (i * 7_919 + 13) % n;

async function seed(db: Executor): Promise<Seeded> {
  const workspaces = Array.from({ length: WORKSPACES }, (_, i) => ({
    id: newId(NOW - SPAN),
    name: `Workspace ${i}`,
    settings: '{}',
    createdAt: NOW - SPAN,
  }));
  await insertMany(db, 'workspaces', workspaces);
  const users = workspaces.flatMap((w, i) =>
    [0, 1].map((k) => ({
      id: newId(NOW - SPAN),
      workspaceId: w.id,
      email: `user${i}-${k}@example.org`,
      name: `User ${i}-${k}`,
      passwordHash: 'x',
      role: 'member',
      language: 'en',
      createdAt: NOW - SPAN,
    })),
  );
  await insertMany(db, 'users', users);
  const messages = Array.from({ length: MESSAGES }, (_, i) => {
    const at = NOW - SPAN + Math.floor((i * SPAN) / MESSAGES);
    // The queried workspace (the first) sends one message in 30: the others are bigger, as
    // on an instance shared by teams of different sizes.
    const sender = users[(i % 30 === 0 ? 0 : 1 + (i % (WORKSPACES - 1))) * 2]!;
    return {
      id: newId(at),
      workspaceId: sender.workspaceId,
      senderId: sender.id,
      status: 'sent' as const,
      subject: `Message ${i}`,
      html: null,
      text: 'Hello',
      fromEmail: sender.email,
      fromName: null,
      toList: '[]',
      ccList: '[]',
      bccList: '[]',
      searchText: `message ${i}`,
      trackingEnabled: 1,
      attachmentLinkTtlDays: 30,
      language: 'en',
      createdAt: at,
      updatedAt: at,
      sentAt: at,
    };
  });
  await insertMany(db, 'messages', messages, 50);
  const recipients = messages.flatMap((m, i) =>
    Array.from({ length: RECIPIENTS_PER_MESSAGE }, (_, position) => {
      const n = i * RECIPIENTS_PER_MESSAGE + position;
      return {
        id: newId(m.sentAt),
        messageId: m.id,
        workspaceId: m.workspaceId,
        copyId: newId(m.sentAt),
        email: `Person${n}@example.com`,
        emailKey: `person${n}@example.com`,
        name: null,
        kind: 'to' as const,
        position,
        tracked: 1,
        notTrackedReason: null,
        trackingId: `tid-${n}`,
        delivery: 'sent' as const,
        smtpResponse: null,
        lastEventAt: null,
        optedOutAt: null,
      };
    }),
  );
  await insertMany(
    db,
    'copies',
    recipients.map((r) => ({
      id: r.copyId,
      messageId: r.messageId,
      workspaceId: r.workspaceId,
      tracked: 1,
      messageIdHeader: `<${r.copyId}@example.org>`,
      status: 'sent',
      attempts: 1,
      sentAt: NOW - SPAN,
    })),
  );
  await insertMany(db, 'recipients', recipients, 100);
  const events = Array.from({ length: EVENTS }, (_, i) => {
    const at = NOW - SPAN + Math.floor((i * SPAN) / EVENTS);
    const r = recipients[spread(i, recipients.length)]!;
    return {
      id: newId(at),
      workspaceId: r.workspaceId,
      messageId: r.messageId,
      recipientId: r.id,
      type: i % 4 === 0 ? ('click' as const) : ('open' as const),
      at,
      method: 'GET',
      classification: i % 9 === 0 ? ('machine' as const) : ('human' as const),
      inferred: 0,
    };
  });
  await insertMany(db, 'events', events, 500);
  await insertMany(
    db,
    'followers',
    messages.map((m) => ({
      messageId: m.id,
      userId: m.senderId,
      workspaceId: m.workspaceId,
      muted: 0,
      createdAt: m.createdAt,
    })),
  );
  await insertMany(
    db,
    'chatLines',
    events
      .filter((_, i) => i % 6 === 0)
      .map((e) => ({
        id: newId(e.at),
        messageId: e.messageId,
        workspaceId: e.workspaceId,
        at: e.at,
        authorId: null,
        kind: 'tracking',
        text: '',
        fact: '{"kind":"legacy","data":{"text":"Opened"}}',
        data: null,
        foldKey: `${e.recipientId}:${e.type}`,
        count: 1,
        eventId: e.id,
      })),
  );
  const notifications = Array.from({ length: NOTIFICATIONS }, (_, i) => {
    const e = events[spread(i, events.length)]!;
    const user = users[spread(i, users.length)]!;
    return {
      id: newId(e.at),
      workspaceId: user.workspaceId,
      userId: user.id,
      messageId: e.messageId,
      eventId: e.id,
      type: e.type,
      fact: '{"kind":"legacy","data":{"text":"Opened"}}',
      at: e.at,
      count: 1,
      foldKey: `${e.recipientId}:${e.type}`,
      read: i % 10 === 0 ? 0 : 1,
      seq: newId(e.at),
    };
  });
  await insertMany(db, 'notifications', notifications, 100);
  await insertMany(
    db,
    'jobs',
    Array.from({ length: JOBS }, (_, i) => {
      const at = NOW - SPAN + Math.floor((i * SPAN) / JOBS);
      const pending = i >= JOBS - 20;
      return {
        id: newId(at),
        queue: ['notify', 'webhook', 'send', 'mailbox'][i % 4],
        payload: '{}',
        status: pending ? 'pending' : 'done',
        runAt: at,
        attempts: 1,
        lockedUntil: null,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  await sql`analyze`.execute(db);
  const user = users[0]!;
  return {
    workspaceId: workspaces[0]!.id,
    // The newest first, as the sent list shows them (of the first workspace).
    messageIds: messages
      .filter((m) => m.workspaceId === workspaces[0]!.id)
      .map((m) => m.id)
      .reverse(),
    recipientIds: recipients.map((r) => r.id).filter((_, i) => i % 37 === 0),
    eventIds: events.map((e) => e.id).filter((_, i) => i % 97 === 0),
    trackingId: 'tid-4242',
    userId: user.id,
    seq: newId(NOW - 2 * DAY_MS),
    foldKeys: notifications.slice(0, 20).map((n) => n.foldKey),
  };
}

for (const engine of testEngines()) {
  describe(`the hot queries’ plans (${engine})`, () => {
    const test = useTestStore(engine);
    let seeded: Seeded | undefined;
    const seededRows = async () => {
      seeded ??= await seed(test.store.db);
      return seeded;
    };

    it('each hot query reads through its index and no big table whole', async () => {
      const failures: string[] = [];
      for (const query of hotQueries(engine, await seededRows())) {
        await checkPlans(test.store.db, engine, query).catch((error: Error) =>
          failures.push(error.message),
        );
      }
      assert.deepEqual(failures, []);
    });

    it('fails the check when an index a hot query needs is gone', async () => {
      const queries = hotQueries(engine, await seededRows());
      const byName = (prefix: string) => queries.find((q) => q.name.startsWith(prefix))!;
      const rollback = new Error('rollback');
      for (const [index, query] of [
        ['events_workspace_at', byName('reachPerDay')],
        ['events_recipient_type', byName('countOpensUpToEach')],
      ] as const) {
        await assert.rejects(
          test.store.db.transaction().execute(async (trx) => {
            await sql`drop index ${sql.ref(index)}`.execute(trx);
            if (engine === 'postgres') await sql`analyze events`.execute(trx);
            await assert.rejects(
              checkPlans(trx as unknown as Executor, engine, query),
              (error: Error) => error.message.includes(index),
            );
            throw rollback;
          }),
          rollback,
        );
      }
      // Rolled back: the indexes are there again, and the check passes.
      await checkPlans(test.store.db, engine, byName('reachPerDay'));
    });
  });
}
