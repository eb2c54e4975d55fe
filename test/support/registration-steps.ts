import {
  acceptTerms,
  credentialVerified,
  registrationStatus,
  submitUserAccount,
  type RegistrationHandle,
} from '../../client';
import { sampleUserAccount } from './stack';

/** Drives a registration to the business-account step; returns the URN. */
export async function advanceToBusinessAccount(
  handle: RegistrationHandle,
  subject = `pai-${Math.random()}`,
  account: typeof sampleUserAccount | (Omit<typeof sampleUserAccount, 'email'> & { email: string }) = sampleUserAccount,
): Promise<string> {
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] });
  await handle.executeUpdate(acceptTerms, {
    args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
  });
  return (await handle.executeUpdate(submitUserAccount, { args: [account] })).urn;
}
