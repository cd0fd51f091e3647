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
    const english = `Could not talk to the SMTP relay ${RELAY} (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:587 (temporary, will retry)`;
    assert.equal(failure.message, english);
    assert.equal(failure.explain('en'), english);
    assert.equal(
      failure.explain('it'),
      `Impossibile comunicare con il server SMTP ${RELAY} (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:587 (temporaneo, verrà ritentato)`,
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
