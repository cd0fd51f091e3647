import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmtpFailure, toSmtpFailure } from '../../../src/mail/index.js';

const RELAY = 'smtp://ada:***@relay.example.net:587';

/** Shaped as nodemailer's SMTP client shapes its errors. */
function nodemailerError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'failed')), fields);
}

describe('toSmtpFailure', () => {
  it('explains a refused connection in English, as its message, and in Italian', () => {
    const failure = toSmtpFailure(
      nodemailerError({
        code: 'ESOCKET',
        originalCode: 'ECONNREFUSED',
        command: 'CONN',
        message: 'connect ECONNREFUSED 127.0.0.1:587',
      }),
      { relay: RELAY },
    );
    assert.equal(failure.kind, 'deferred');
    assert.equal(failure.stage, 'connect');
    const english = `Could not talk to the SMTP relay ${RELAY} (ECONNREFUSED): the connection was refused (temporary, will retry)`;
    assert.equal(failure.message, english);
    assert.equal(failure.explain('en'), english);
    assert.equal(
      failure.explain('it'),
      `Impossibile comunicare con il server SMTP ${RELAY} (ECONNREFUSED): la connessione è stata rifiutata (temporaneo, verrà ritentato)`,
    );
  });

  it('says what to fix when the login is refused, in either language', () => {
    const failure = toSmtpFailure(
      nodemailerError({
        code: 'EAUTH',
        command: 'AUTH PLAIN',
        response: '535 5.7.8 Authentication credentials invalid',
        responseCode: 535,
      }),
    );
    assert.equal(failure.kind, 'rejected');
    assert.equal(
      failure.message,
      'The SMTP relay refused the login: 535 5.7.8 Authentication credentials invalid (permanent, retrying will not help; check the user name and password of the SMTP relay settings)',
    );
    assert.equal(
      failure.explain('it'),
      'Il server SMTP ha rifiutato l’accesso: 535 5.7.8 Authentication credentials invalid (permanente, riprovare non servirà; controlla nome utente e password nelle impostazioni del server SMTP)',
    );
  });

  it('names every recipient when the relay refused them all', () => {
    const refusal = (recipient: string) =>
      nodemailerError({ command: 'RCPT TO', response: '550 5.1.1 No such user', recipient });
    const failure = toSmtpFailure(
      nodemailerError({
        code: 'EENVELOPE',
        command: 'RCPT TO',
        response: '550 5.1.1 No such user',
        rejectedErrors: [refusal('anna@example.org'), refusal('bruno@example.org')],
      }),
      { relay: RELAY },
    );
    assert.equal(failure.refused?.length, 2);
    assert.equal(failure.refused?.[0]?.recipient, 'anna@example.org');
    assert.match(failure.message, /^The SMTP relay .* refused every recipient at RCPT TO: 550/);
    assert.match(
      failure.explain('it'),
      /^Il server SMTP .* ha rifiutato tutti i destinatari al comando RCPT TO: 550/,
    );
  });

  it('keeps nothing a non-SMTP service said: a fixed cause instead of its banner (SSRF)', () => {
    for (const banner of [
      'SSH-2.0-OpenSSH_9.6p1 Debian-4',
      'HTTP/1.1 400 Bad Request\nServer: nginx\nSecret: s3cr3t',
      '-ERR unknown command',
      '220 fine\nbut then: s3cr3t',
      '220\u0000s3cr3t',
      '2200 s3cr3t',
    ]) {
      const failure = toSmtpFailure(
        nodemailerError({
          code: 'EPROTOCOL',
          command: 'CONN',
          response: banner,
          responseCode: Number(/^\d+/.exec(banner)?.[0]) || undefined,
          message: `Invalid greeting. response=${banner}: ${banner}`,
        }),
        { relay: RELAY },
      );
      assert.equal(failure.response, '', banner);
      assert.equal(failure.responseCode, undefined, banner);
      assert.equal(
        failure.message,
        `Could not talk to the SMTP relay ${RELAY}: the server did not answer as an SMTP relay does (temporary, will retry)`,
      );
      assert.doesNotMatch(JSON.stringify(failure.toJSON()), /s3cr3t|OpenSSH|nginx|ERR/);
    }
  });

  it('keeps a real reply as its code and text, and fixed words for a certificate trouble', () => {
    const reply = toSmtpFailure(
      nodemailerError({
        code: 'EPROTOCOL',
        command: 'CONN',
        response: '554-5.3.2 mx.example.org no service\n554 5.3.2 go away',
        message: 'Invalid greeting. response=554 …',
      }),
    );
    assert.equal(reply.responseCode, 554);
    assert.equal(reply.enhancedCode, '5.3.2');
    assert.equal(reply.response, '554-5.3.2 mx.example.org no service\n554 5.3.2 go away');
    assert.equal(reply.kind, 'rejected');
    const tls = toSmtpFailure(
      nodemailerError({
        code: 'ESOCKET',
        originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
        command: 'CONN',
        message: "Hostname/IP does not match certificate's altnames: DNS:vault.internal.corp",
      }),
      { relay: RELAY },
    );
    assert.equal(tls.stage, 'tls');
    assert.doesNotMatch(tls.message, /vault\.internal/);
    assert.match(tls.message, /its certificate was not accepted/);
    assert.match(tls.message, /add \?tls=insecure/, 'the hint still reads the error');
  });

  it('explains an outbound-policy refusal as permanent, naming the rule', () => {
    const failure = toSmtpFailure(
      nodemailerError({
        code: 'EOUTBOUNDFORBIDDEN',
        command: 'CONN',
        message: 'mx.example.org resolves to a loopback address (127.0.0.1)',
      }),
      { relay: RELAY },
    );
    assert.equal(failure.kind, 'rejected');
    assert.equal(failure.stage, 'connect');
    assert.match(
      failure.message,
      /the outbound policy refuses it: mx\.example\.org resolves to a loopback address \(127\.0\.0\.1\) \(only public addresses, unless ALLOW_PRIVATE_NETWORKS\)/,
    );
  });

  it('passes an SmtpFailure through as it is', () => {
    const failure = new SmtpFailure({
      kind: 'rejected',
      stage: 'unknown',
      explain: (language) => (language === 'it' ? 'spiegato' : 'explained'),
    });
    assert.equal(toSmtpFailure(failure), failure);
    assert.equal(failure.message, 'explained');
    assert.equal(failure.toJSON().message, 'explained');
  });
});
