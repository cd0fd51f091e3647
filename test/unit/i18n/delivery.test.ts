import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wording } from '../../../src/i18n/index.js';

describe('the wording of failed deliveries', () => {
  it('says a copy was given up on, with the failure’s own explanation', () => {
    assert.equal(
      wording('en').delivery.gaveUp(9, 'Could not talk to the SMTP relay'),
      'gave up after 9 attempts: Could not talk to the SMTP relay',
    );
    assert.equal(wording('en').delivery.gaveUp(1, 'x'), 'gave up after 1 attempt: x');
    assert.equal(
      wording('it').delivery.gaveUp(9, 'Impossibile comunicare con il server SMTP'),
      'invio abbandonato dopo 9 tentativi: Impossibile comunicare con il server SMTP',
    );
    assert.equal(wording('it').delivery.gaveUp(1, 'x'), 'invio abbandonato dopo 1 tentativo: x');
  });

  it('says a copy could not be built', () => {
    assert.equal(
      wording('en').delivery.notBuilt('blob missing'),
      'the copy could not be built: blob missing',
    );
    assert.equal(
      wording('it').delivery.notBuilt('blob missing'),
      'non è stato possibile preparare la copia: blob missing',
    );
  });

  it('gives a disabled webhook’s reason in one language', () => {
    assert.equal(
      wording('en').notify.webhookDisabledReason(3, 'HTTP 500'),
      'nothing got through: 3 failed deliveries in a row; last error: HTTP 500',
    );
    assert.equal(
      wording('it').notify.webhookDisabledReason(1, 'HTTP 500'),
      'non è arrivato nulla: 1 consegna non riuscita di fila; ultimo errore: HTTP 500',
    );
  });
});
