/** The credential step offers real sign-in where a provider is configured, and only there. */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { ActionId } from '../slack/ids';
import { registrationView } from '../bot/registration/views';
import type { RegistrationStatus } from '../workflows/registration/definitions';

const status: RegistrationStatus = { step: 'credential', locale: 'en', termsVersion: '2026-01' };
const actionIds = (view: ReturnType<typeof registrationView>) =>
  [...JSON.stringify(view.blocks).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1]);

describe('the credential step', () => {
  test('both providers configured: both real, no simulation', () => {
    const view = registrationView({
      status,
      locale: 'en',
      simulatedSignIn: true,
      signInProviders: ['gckey', 'sign-in-partner'],
    });
    assert.deepEqual(actionIds(view), [ActionId.SignIn, ActionId.SignInPartner]);
  });

  test('one configured in development: it is real, the other simulated (and said to be)', () => {
    const view = registrationView({ status, locale: 'en', simulatedSignIn: true, signInProviders: ['gckey'] });
    assert.deepEqual(actionIds(view), [ActionId.SignIn, ActionId.SimulatePartnerSignIn]);
    assert.match(JSON.stringify(view.blocks), /Development only/i);
  });

  test('none configured and no simulation: it says sign-in is not available', () => {
    const view = registrationView({ status, locale: 'en', simulatedSignIn: false, signInProviders: [] });
    assert.deepEqual(actionIds(view), []);
  });
});
