import { sendTrackedMessage, signupAdmin } from '../factories.js';
import type { EngineName } from './engines.js';
import { type RelayMessage, startTestRelay, type TestRelay } from './smtp-relay.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startServiceOn } from './test-service.js';

export interface MailSentThenStopped {
  readonly relay: TestRelay;
  readonly database: TestDatabase;
  /** The environment the service ran with (the database's and the relay's). */
  readonly env: Record<string, string>;
  /** The admin who sent it: what they signed up with. */
  readonly account: { readonly email: string; readonly password: string };
  readonly messageId: string;
  /** The copies as the relay received them, one per recipient. */
  readonly mails: readonly RelayMessage[];
}

/**
 * A fresh database on the engine where the real service, through its API, sent one tracked mail
 * with one link to `recipients` addresses (r0@example.org, …) and then stopped: what tests of
 * restarts and crashes start from. `cleanup` collects the steps that undo it.
 */
export async function mailSentThenStopped(
  engine: EngineName,
  recipients: number,
  cleanup: (() => Promise<void>)[],
): Promise<MailSentThenStopped> {
  const relay = await startTestRelay();
  cleanup.push(() => relay.close());
  const database = await createTestDatabase(engine);
  cleanup.push(() => database.drop());
  const env = { ...database.env, SMTP_URL: relay.url };
  const setup = await startServiceOn(database, env, { outbox: { pollMs: 50 } });
  try {
    const { client, input } = await signupAdmin(setup.url);
    const sent = await sendTrackedMessage(
      client,
      { to: Array.from({ length: recipients }, (_, i) => ({ email: `r${i}@example.org` })) },
      { relay },
    );
    await setup.service.idle();
    return {
      relay,
      database,
      env,
      account: { email: input.email, password: input.password },
      messageId: sent.id,
      mails: sent.mails,
    };
  } finally {
    await setup.close();
  }
}
