import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUserById, insertEventRows, type RecipientRow } from '../../../src/store/index.js';
import {
  buildEventRow,
  insertTestAttachment,
  insertTestMessage,
  insertTestUser,
  signupAdmin,
  signupMember,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const HOUR = 3_600_000;
/** More than two of the export's pages (1,000 events each). */
const MANY = 2_345;

/** The CSV's records (fetch's text() has dropped the BOM), split as RFC 4180 reads them. */
function records(csv: string): string[][] {
  const lines = csv.split('\r\n');
  assert.equal(lines.pop(), '', 'every record ends with CRLF');
  return lines.map((line) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
      .slice(0, -1)
      .map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!)),
  );
}

for (const engine of testEngines()) {
  describe(`GET /api/v1/events.csv (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;
    let member: HttpClient;
    let lucia: RecipientRow;

    before(async () => {
      server = await startTestService(engine);
      const owner = await signupAdmin(server.url);
      admin = owner.client;
      member = (await signupMember(admin)).client;
      const { db } = server.service.store;
      const sender = (await findUserById(db, owner.user.id))!;
      const { recipients } = await insertTestMessage(
        db,
        sender,
        ['Lucía.Núñez@bücher.example', 'mario@example.org'],
        { subject: '=HYPERLINK("https://evil.example","Offerta, Q4")' },
      );
      lucia = recipients[0]!;
      const file = await insertTestAttachment(db, sender, { filename: 'listino "2026".pdf' });
      await insertEventRows(db, [
        buildEventRow(lucia, T0, { ip: '203.0.113.0', userAgent: 'Thunderbird/128' }),
        buildEventRow(lucia, T0 + HOUR, { type: 'download', attachmentId: file.id }),
        buildEventRow(recipients[1]!, T0 + 2 * HOUR, {
          type: 'open',
          classification: 'machine',
          reason: 'apple_mpp',
        }),
      ]);
      // Another workspace's events are never in this one's export.
      const stranger = await insertTestUser(db);
      const theirs = await insertTestMessage(db, stranger, ['secret@elsewhere.example']);
      await insertEventRows(db, [buildEventRow(theirs.recipients[0]!, T0)]);
    });
    after(() => server.close());

    it('lists the workspace’s events oldest first, each with its message, recipient and file', async () => {
      const reply = await admin.get('/api/v1/events.csv');
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(
        reply.headers.get('content-disposition') ?? '',
        /attachment; filename="events.csv"/,
      );
      const raw = await fetch(new URL('/api/v1/events.csv', server.url), {
        headers: { cookie: admin.cookie! },
      });
      const bytes = Buffer.from(await raw.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, for spreadsheets');
      const [header, ...rows] = records(reply.text);
      assert.deepEqual(header!.slice(0, 4), ['id', 'at', 'type', 'classification']);
      const column = (name: string) => header!.indexOf(name);
      assert.deepEqual(
        rows.map((row) => [row[column('at')], row[column('type')], row[column('recipient')]]),
        [
          ['2026-11-28T09:00:00.000Z', 'open', 'Lucía.Núñez@bücher.example'],
          ['2026-11-28T10:00:00.000Z', 'download', 'Lucía.Núñez@bücher.example'],
          ['2026-11-28T11:00:00.000Z', 'open', 'mario@example.org'],
        ],
      );
      assert.equal(rows[0]![column('ip')], '203.0.113.0');
      assert.equal(rows[1]![column('attachment')], 'listino "2026".pdf');
      assert.equal(rows[2]![column('reason')], 'apple_mpp');
      assert.equal(
        rows[0]![column('subject')],
        `'=HYPERLINK("https://evil.example","Offerta, Q4")`,
        'a formula is shown as text, never run',
      );
      assert.ok(!reply.text.includes('elsewhere.example'));
    });

    it('keeps to the days or instants asked for', async () => {
      const between = async (query: string) =>
        records((await admin.get(`/api/v1/events.csv?${query}`)).text).length - 1;
      assert.equal(await between('from=2026-11-28&to=2026-11-29'), 3);
      assert.equal(await between('from=2026-11-29'), 0);
      assert.equal(await between('to=2026-11-28'), 0);
      assert.equal(await between('from=2026-11-28T10:00:00Z'), 2, 'from is inclusive');
      assert.equal(await between('to=2026-11-28T10:00:00Z'), 1, 'to is exclusive');
      assert.equal(
        await between('from=2026-11-28T11:00:00%2B01:00&to=2026-11-28T11:00:00.001Z'),
        2,
      );
      assert.equal(await between('from=2026-11-28T10:00:00Z&to=2026-11-28T10:00:00Z'), 0);
    });

    it('streams more events than a page holds, each once and in order', async () => {
      const { db } = server.service.store;
      const start = T0 + 3 * HOUR;
      // Several events share one instant: the pages must not lose or repeat them at a boundary.
      const rows = Array.from({ length: MANY }, (_, n) =>
        buildEventRow(lucia, start + Math.floor(n / 7), { type: 'click', linkIdx: 0 }),
      );
      for (let n = 0; n < rows.length; n += 500) await insertEventRows(db, rows.slice(n, n + 500));
      const reply = await admin.get(`/api/v1/events.csv?from=${new Date(start).toISOString()}`);
      const [header, ...listed] = records(reply.text);
      const ids = listed.map((row) => row[header!.indexOf('id')]);
      assert.equal(ids.length, MANY);
      assert.equal(new Set(ids).size, MANY, 'none twice');
      const times = listed.map((row) => Date.parse(row[header!.indexOf('at')]!));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
    });

    it('refuses members, strangers and bounds that are not days or instants', async () => {
      const refused = await member.get('/api/v1/events.csv');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'forbidden');
      assert.equal((await new HttpClient(server.url).get('/api/v1/events.csv')).status, 401);
      for (const query of [
        'from=yesterday',
        'from=2026-02-30',
        'to=2030-06-30T23:59:60Z',
        'from=2026-13-01',
        'from=2026-11-28T09:00:00',
        'from=2026-11-29&to=2026-11-28',
        `from=${'9'.repeat(41)}`,
      ]) {
        const reply = await admin.get(`/api/v1/events.csv?${query}`);
        assert.equal(reply.status, 400, `${query}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', query);
      }
    });
  });
}
