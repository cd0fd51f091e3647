import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/workspace/index.js';
import { applySettingsPatch } from '../../../src/workspace/settings.js';
import { isError } from '../../helpers/errors.js';

/** Stands in for the keyring's encryption: visible, so a test can tell what was encrypted. */
const encrypt = (password: string) => `enc(${password})`;
const relay = { host: ' smtp.example.org ', port: 587, security: 'starttls' as const };

describe('workspace settings', () => {
  it('reads defaults for what was never stored, and merges the privacy notice field by field', () => {
    assert.deepEqual(parseSettings('{}'), DEFAULT_SETTINGS);
    const parsed = parseSettings(JSON.stringify({ privacyNotice: { text: 'Ours' } }));
    assert.deepEqual(parsed.privacyNotice, { enabled: true, text: 'Ours' });
    assert.equal(parsed.notifyOnMachineEvents, false);
  });

  it('leaves absent fields as they are and clears a field set to null', () => {
    const withSender = applySettingsPatch(
      DEFAULT_SETTINGS,
      { defaultSender: { email: 'sales@acme.example', name: 'Acme Sales' } },
      encrypt,
    );
    assert.deepEqual(withSender.defaultSender, { email: 'sales@acme.example', name: 'Acme Sales' });
    const untouched = applySettingsPatch(withSender, { notifyOnMachineEvents: true }, encrypt);
    assert.deepEqual(untouched.defaultSender, withSender.defaultSender);
    assert.equal(untouched.notifyOnMachineEvents, true);
    assert.equal(
      applySettingsPatch(untouched, { defaultSender: null }, encrypt).defaultSender,
      null,
    );
  });

  it('refuses an invalid sender or network with a validation error', () => {
    const isValidation = isError('MB_ERR_VALIDATION');
    assert.throws(
      () => applySettingsPatch(DEFAULT_SETTINGS, { defaultSender: { email: 'nope' } }, encrypt),
      isValidation,
    );
    assert.throws(
      () => applySettingsPatch(DEFAULT_SETTINGS, { internalNetworks: ['10.0.0.0/33'] }, encrypt),
      isValidation,
    );
    const networks = applySettingsPatch(
      DEFAULT_SETTINGS,
      { internalNetworks: [' 10.0.0.0/8 ', '2001:db8::1'] },
      encrypt,
    );
    assert.deepEqual(networks.internalNetworks, ['10.0.0.0/8', '2001:db8::1']);
  });

  it('encrypts a new relay password, keeps the stored one when absent, drops it on null', () => {
    const set = applySettingsPatch(
      DEFAULT_SETTINGS,
      { smtpRelay: { ...relay, username: ' mb ', password: 'p4ss' } },
      encrypt,
    );
    assert.deepEqual(set.smtpRelay, {
      host: 'smtp.example.org',
      port: 587,
      security: 'starttls',
      username: 'mb',
      passwordEncrypted: 'enc(p4ss)',
      allowInvalidCertificate: false,
    });
    const kept = applySettingsPatch(set, { smtpRelay: { ...relay, port: 2525 } }, encrypt);
    assert.equal(kept.smtpRelay?.passwordEncrypted, 'enc(p4ss)');
    assert.equal(kept.smtpRelay?.port, 2525);
    assert.equal(kept.smtpRelay?.username, null);
    const dropped = applySettingsPatch(kept, { smtpRelay: { ...relay, password: null } }, encrypt);
    assert.equal(dropped.smtpRelay?.passwordEncrypted, null);
    assert.equal(applySettingsPatch(set, { smtpRelay: null }, encrypt).smtpRelay, null);
  });

  it('trims the privacy notice text and treats a blank one as none', () => {
    const custom = applySettingsPatch(
      DEFAULT_SETTINGS,
      { privacyNotice: { text: '  Tracked by Acme.  ' } },
      encrypt,
    );
    assert.deepEqual(custom.privacyNotice, { enabled: true, text: 'Tracked by Acme.' });
    const off = applySettingsPatch(custom, { privacyNotice: { enabled: false } }, encrypt);
    assert.deepEqual(off.privacyNotice, { enabled: false, text: 'Tracked by Acme.' });
    const blank = applySettingsPatch(off, { privacyNotice: { text: '   ' } }, encrypt);
    assert.deepEqual(blank.privacyNotice, { enabled: false, text: null });
  });
});
