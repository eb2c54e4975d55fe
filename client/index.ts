/**
 * The one way to talk to CERS Onboard's workflows: a Temporal client configured exactly like the
 * worker (address, namespace, TLS or API key, payload encryption) from the same environment.
 * The Slack bot, scripts and any future portal use it.
 */
import { readFile } from 'node:fs/promises';
import { Client, Connection, type DataConverter } from '@temporalio/client';
import { loadConfig, type Config } from '../config';
import { EncryptionCodec, type EncryptionCodecOptions } from './encryption-codec';
import { resolvePayloadKeys } from './payload-keys';

export * from '../workflows/search-attributes';
export * from '../workflows/registration/definitions';
export {
  startBusinessAccountRegistration,
  startRegistration,
  startOrFindRegistration,
  policyFromConfig,
  type RegistrationHandle,
} from './registrations';
export * from '../workflows/role-request/definitions';
export { startRoleRequest, type RoleRequestHandle } from './role-requests';
export { cliListCommand, registrationQuery, searchKeyOf, webUiLink, type SearchSubject } from './search-queries';
export * from '../workflows/account-change/definitions';
export { runAccountChange, startAccountChange, type AccountChangeHandle } from './account-changes';
export * from '../workflows/profile-change/definitions';
export { ProfileGateway, type ProfileChangeHandle } from './profile-changes';
export {
  CersFailure,
  cersFailureOf,
  REGISTRATION_NOT_RUNNING,
  REQUEST_NOT_RUNNING,
  UnavailableCause,
} from './failures';
export { DEFAULT_WAIT_MS, runStep, type StepOptions } from './steps';
export { MAX_PAYLOAD_BYTES } from '../domain/payload-limits';
// The doors a front end (the Slack bot, a future portal) uses: typed steps and reports it can word.
export { RegistrationGateway, stepFailure, type StepFailure, type StepOutcome } from './registration-gateway';
export { RequestGateway } from './request-gateway';
// Support actions (operators/support, the bot for the support user group): the caller's role is checked here.
export * from '../workflows/support/definitions';
export { SupportRole, requireSupportRole, workflowLink, workflowListLink, type SupportCaller } from './support';
export {
  cancelRegistrationSafely,
  liftSharedSecretLock,
  readRegistration,
  resendRegistrationReminder,
  type CancelOutcome,
  type LiftLockRequest,
  type RegistrationReading,
} from './support-actions';
export {
  findStuckRegistrations,
  stuckCandidatesQuery,
  type StuckRegistration,
  type StuckReport,
} from './stuck-registrations';
// The Terms and Conditions for registered people: the current version, and accepting it once.
export * from '../workflows/terms/definitions';
export { acceptTermsVersion, currentTermsVersion } from './terms';

export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of clients (`refuse: 'throw'`, the default) and of the worker (`'mark'`: a
 * message it cannot read is refused by the workflow, typed, instead of failing its task).
 */
export function createDataConverter(config: Config, options: EncryptionCodecOptions = {}): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(resolvePayloadKeys(config), options)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

/** Options accepted by both the client's Connection and the worker's NativeConnection. */
export interface TemporalConnectionOptions {
  address: string;
  apiKey?: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
}

export async function temporalConnectionOptions(config: Config): Promise<TemporalConnectionOptions> {
  const { tls, apiKey, address } = config.temporal;
  const read = (file?: string) => (file ? readFile(file) : Promise.resolve(undefined));
  const [crt, key, ca] = tls
    ? await Promise.all([read(tls.clientCertPath), read(tls.clientKeyPath), read(tls.caPath)])
    : [];
  return {
    address,
    apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: ca,
          clientCertPair: crt && key ? { crt, key } : undefined,
        }
      : undefined,
  };
}

export interface CersClientOptions {
  /** Defaults to the process environment. */
  config?: Config;
  /**
   * Connect on first use instead of now: the client exists even while Temporal is unreachable,
   * and each call then fails (and a later one connects) instead of the caller never starting.
   */
  lazy?: boolean;
}

/** Connects to Temporal as configured; close with `client.connection.close()`. */
export async function connectCersClient(clientOptions: CersClientOptions = {}): Promise<Client> {
  const config = clientOptions.config ?? loadConfig();
  const options = await temporalConnectionOptions(config);
  const connection = clientOptions.lazy ? Connection.lazy(options) : await Connection.connect(options);
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
}
