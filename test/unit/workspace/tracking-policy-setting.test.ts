import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRACKING_POLICIES } from '../../../src/vocabulary.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/workspace/index.js';
import { applySettingsPatch, type SettingsPatch } from '../../../src/workspace/settings.js';
import { isError } from '../../helpers/errors.js';

const encrypt = (password: string) => `enc(${password})`;

describe('the tracking policy setting', () => {
  it('is notice for a workspace that never chose one, stored settings included', () => {
    assert.equal(DEFAULT_SETTINGS.trackingPolicy, 'notice');
    assert.equal(parseSettings('{}').trackingPolicy, 'notice');
    assert.equal(parseSettings('{"notifyOnMachineEvents":true}').trackingPolicy, 'notice');
  });

  it('takes each policy, keeps it when a patch leaves it out, and reads back what was stored', () => {
    for (const policy of TRACKING_POLICIES) {
      const next = applySettingsPatch(DEFAULT_SETTINGS, { trackingPolicy: policy }, encrypt);
      assert.equal(next.trackingPolicy, policy);
      const kept = applySettingsPatch(next, { notifyOnMachineEvents: true }, encrypt);
      assert.equal(kept.trackingPolicy, policy);
      assert.equal(parseSettings(JSON.stringify(kept)).trackingPolicy, policy);
    }
  });

  it('refuses any other word with a validation error that lists the policies', () => {
    for (const bad of ['always', 'Notice', '', 'aggregate ', 'none']) {
      assert.throws(
        () =>
          applySettingsPatch(
            DEFAULT_SETTINGS,
            { trackingPolicy: bad } as unknown as SettingsPatch,
            encrypt,
          ),
        (error: Error) =>
          isError('MB_ERR_VALIDATION')(error) &&
          /notice, consent, aggregate, off/.test(error.message),
      );
    }
  });
});
