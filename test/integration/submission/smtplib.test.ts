/**
 * SMTP submission with Python's smtplib as the client (a peer not written in JavaScript, as a
 * CRM or a script would be): AUTH in clear from loopback, STARTTLS verified against the
 * generated certificate for 127.0.0.1, and the refusals as smtplib reports them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GENERATED_CERT_FILE } from '../../../src/submission/index.js';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { newApiKey } from '../../helpers/submission.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const run = promisify(execFile);

/**
 * Each step connects anew and prints one JSON line: `{"step", "ok"}` or the reply smtplib
 * raised (`code`, `text`). Credentials and addresses come in the environment.
 */
const SCRIPT = `
import json, os, smtplib, ssl
from email.message import EmailMessage

host, port = "127.0.0.1", int(os.environ["PORT"])
user, key, other = os.environ["USER_EMAIL"], os.environ["API_KEY"], os.environ["OTHER_EMAIL"]

def mail(sender, subject):
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "mario.rossi@example.org", subject
    m["X-Mailbeacon-Tracking"] = "on"
    m.set_content("Ciao Mario, ecco l'offerta: https://shop.example.com/offer")
    m.add_alternative("<p>Ciao Mario, <a href='https://shop.example.com/offer'>ecco</a></p>", subtype="html")
    return m

def step(name, work):
    try:
        with smtplib.SMTP(host, port, timeout=30) as s:
            work(s)
        print(json.dumps({"step": name, "ok": True}))
    except smtplib.SMTPResponseException as e:
        print(json.dumps({"step": name, "code": e.smtp_code, "text": e.smtp_error.decode()}))

def plain(s):
    s.login(user, key)
    s.send_message(mail(user, "Da Python, in chiaro"), to_addrs=["mario.rossi@example.org", "boss@example.org"])

def tls(s):
    s.starttls(context=ssl.create_default_context(cafile=os.environ["CA_FILE"]))
    s.login(user, key)
    s.send_message(mail(user, "Da Python, cifrato"))

def no_auth(s):
    s.send_message(mail(user, "Anonimo"))

def bad_key(s):
    s.login(user, "mb_wrong")

def other_from(s):
    s.login(user, key)
    s.send_message(mail(other, "Non sono io"))

for name, work in [("plain", plain), ("tls", tls), ("no_auth", no_auth), ("bad_key", bad_key), ("other_from", other_from)]:
    step(name, work)
`;

for (const engine of testEngines()) {
  describe(`SMTP submission with Python's smtplib (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRACKING_URL: 'https://t.example.net' },
        { submission: { port: 0 }, outbox: { pollMs: 100 } },
      );
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('sends with AUTH in clear from loopback and over verified STARTTLS, and reports each refusal’s codes', async () => {
      const admin = await signupAdmin(server.url, { name: 'Anna Bianchi' });
      const member = await signupMember(admin.client);
      // The member's invitation goes out through the relay too (issue 16, point 8): not counted.
      await server.service.idle();
      relay.reset();
      const { stdout } = await run('python3', ['-c', SCRIPT], {
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(server.service.submissionPort),
          USER_EMAIL: admin.input.email,
          API_KEY: await newApiKey(admin.client),
          OTHER_EMAIL: member.input.email,
          CA_FILE: join(server.database.dataDir, GENERATED_CERT_FILE),
        },
      });
      const steps = Object.fromEntries(
        stdout
          .trim()
          .split('\n')
          .map(
            (line) => JSON.parse(line) as { step: string; ok?: true; code?: number; text?: string },
          )
          .map((s) => [s.step, s]),
      );
      assert.equal(steps.plain?.ok, true, JSON.stringify(steps.plain));
      assert.equal(steps.tls?.ok, true, JSON.stringify(steps.tls));
      assert.equal(steps.no_auth?.code, 530);
      assert.match(steps.no_auth!.text!, /^5\.7\.0 Authentication required/);
      assert.equal(steps.bad_key?.code, 535);
      assert.match(steps.bad_key!.text!, /^5\.7\.8 /);
      assert.equal(steps.other_from?.code, 554);
      assert.match(steps.other_from!.text!, /^5\.7\.1 You may not send as this From address/);

      await server.service.idle();
      // "plain": a tracked copy for To and for the envelope's Bcc; "tls": one for To.
      // The invitation that made the second user went through the relay too: not counted here.
      const submitted = relay.messages.filter((m) => !/invited you/.test(m.parsed.subject ?? ''));
      assert.deepEqual(submitted.map((m) => [m.parsed.subject, m.envelope.to.join()]).sort(), [
        ['Da Python, cifrato', 'mario.rossi@example.org'],
        ['Da Python, in chiaro', 'boss@example.org'],
        ['Da Python, in chiaro', 'mario.rossi@example.org'],
      ]);
      for (const copy of submitted) {
        assert.equal(copy.parsed.headers.has('x-mailbeacon-tracking'), false);
        assert.match(String(copy.parsed.html), /https:\/\/t\.example\.net\/t\/c\//);
      }
      const list = await admin.client.get('/api/v1/messages');
      const bcc = list.body.messages
        .find((m: { subject: string }) => m.subject === 'Da Python, in chiaro')
        .recipients.find((r: { email: string }) => r.email === 'boss@example.org');
      assert.equal(bcc.kind, 'bcc');
    });
  });
}
