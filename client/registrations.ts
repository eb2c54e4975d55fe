import { WorkflowNotFoundError, type Client, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../config';
import { invalidInput } from '../domain/failures';
import { Applicant, Locale } from '../domain/registration-inputs';
import type { registrationWorkflow } from '../workflows/registration/workflow';
import { cersFailureOf } from './failures';
import { withinWait } from './steps';
import {
  CURRENT_TERMS_VERSION,
  FINAL_STEPS,
  registrationStatus,
  REGISTRATION_WORKFLOW_TYPE,
  RegistrationPurpose,
  registrationWorkflowId,
  type RegistrationInput,
  type RegistrationPolicy,
  type RegistrationStatus,
} from '../workflows/registration/definitions';
import { CersStep } from '../workflows/search-attributes';

export type RegistrationHandle = WorkflowHandle<typeof registrationWorkflow>;

/**
 * The registration policy the configuration asks for (idle reminders, expiry, terms version), in
 * full: it is pinned in the workflow input, so a later change of configuration or code defaults
 * never alters a running registration (nor its replay).
 */
export function policyFromConfig(config: Config): RegistrationPolicy {
  const { termsVersion, ...durations } = config.registration;
  return { ...durations, termsVersion: termsVersion ?? CURRENT_TERMS_VERSION };
}

const StartInput = z.object({ applicant: Applicant, locale: Locale });

/**
 * Starts the applicant's registration, or returns the one already running. A completed
 * registration is returned as it is (never restarted); an expired or cancelled one starts afresh,
 * except a business-account run (the person is registered already), which is returned as it ended.
 * An applicant or locale the workflow's schemas refuse is an `InvalidInput` failure; nothing starts.
 */
export async function startRegistration(
  client: Client,
  config: Config,
  input: Omit<RegistrationInput, 'policy'>,
  options: Pick<WorkflowStartOptions, 'workflowTaskTimeout'> = {},
): Promise<RegistrationHandle> {
  return (await startOrFindRegistration(client, config, input, options)).handle;
}

/** A registration found or started, with the status of a run this call started. */
export interface FoundOrStarted {
  handle: RegistrationHandle;
  /**
   * Set when this call started the run: a new run is at "credential" in the locale it was given,
   * known without waiting for the worker's first task (which, with many people at once, is what
   * kept a modal on "one moment").
   */
  startedStatus?: RegistrationStatus;
}

/** {@link startRegistration}, saying whether it started the run. */
export async function startOrFindRegistration(
  client: Client,
  config: Config,
  input: Omit<RegistrationInput, 'policy'>,
  options: Pick<WorkflowStartOptions, 'workflowTaskTimeout'> = {},
): Promise<FoundOrStarted> {
  // The workflow id is made from the applicant: checked before anything is derived from it.
  const checked = StartInput.safeParse({ applicant: input.applicant, locale: input.locale });
  if (!checked.success) throw invalidInput(checked.error);
  const workflowId = registrationWorkflowId(checked.data.applicant);
  const existing = client.workflow.getHandle<typeof registrationWorkflow>(workflowId);
  try {
    const description = await existing.describe();
    if (description.status.name === 'RUNNING') return { handle: existing };
    if (description.status.name === 'COMPLETED') {
      // The run described, by its id: a run started meanwhile (a double click) would never answer.
      const ended = await client.workflow
        .getHandle<typeof registrationWorkflow>(workflowId, description.runId)
        .result();
      if (ended.step === 'completed' || ended.purpose === RegistrationPurpose.BusinessAccount)
        return { handle: existing };
    }
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const policy = policyFromConfig(config);
  const handle = await client.workflow.start<typeof registrationWorkflow>(REGISTRATION_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: config.temporal.taskQueue,
    args: [{ ...checked.data, policy }],
    // Two starts racing (a double-clicked /cers) end in one run, at its first step either way.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [{ key: CersStep, value: 'credential' }],
    ...options,
  });
  // What the workflow answers before anyone acts (test/registration-workflow.test.ts compares them).
  const startedStatus: RegistrationStatus = {
    step: 'credential',
    locale: checked.data.locale,
    termsVersion: policy.termsVersion,
    deadline: new Date(Date.now() + policy.expireAfterMs).toISOString(),
  };
  return { handle, startedStatus };
}

/** How long a business-account start waits for a run that has ended but not yet closed. */
const CLOSING_WAIT_MS = 20_000;

/**
 * Starts a business-account run for a registered person (their user account exists: the caller
 * checks, and the run ends at once, cancelled, if it does not): a new run of their registration
 * that starts at the business-account step, whatever earlier runs did (joined others, registered
 * a business, deleted one). A run still going (this kind or a first registration) is returned
 * instead, so a double click or a retried request starts one run.
 */
export async function startBusinessAccountRegistration(
  client: Client,
  config: Config,
  input: Omit<RegistrationInput, 'policy' | 'purpose'>,
): Promise<RegistrationHandle> {
  const checked = StartInput.safeParse({ applicant: input.applicant, locale: input.locale });
  if (!checked.success) throw invalidInput(checked.error);
  const workflowId = registrationWorkflowId(checked.data.applicant);
  const existing = client.workflow.getHandle<typeof registrationWorkflow>(workflowId);
  try {
    const { status, runId } = await existing.describe();
    if (status.name === 'RUNNING') {
      // Pinned to the run described: once it closes, the workflow id names the next run, which
      // another click may have started meanwhile and which waits on its applicant for days.
      const described = client.workflow.getHandle<typeof registrationWorkflow>(workflowId, runId);
      if (!FINAL_STEPS.includes((await described.query(registrationStatus)).step)) return existing;
      // A run that just ended (writing its last records, its completion notice): let it close.
      await withinWait(client, CLOSING_WAIT_MS, () => described.result()).catch((error: unknown) => {
        throw cersFailureOf(error);
      });
    }
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  return client.workflow.start<typeof registrationWorkflow>(REGISTRATION_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: config.temporal.taskQueue,
    args: [{ ...checked.data, policy: policyFromConfig(config), purpose: RegistrationPurpose.BusinessAccount }],
    // Two starts racing (a double click) end in one run.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [{ key: CersStep, value: 'businessAccount' }],
  });
}
