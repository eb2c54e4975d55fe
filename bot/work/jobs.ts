/**
 * The work a listener hands over once Slack has its ack: plain JSON, so it can cross to the work
 * thread. A view submission is the one job that answers back (its ack depends on the workflow).
 */
import type { BlockAction, ButtonAction, EnvelopedEvent, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type { Answer } from '../routing/answer';
import type { HttpAnswer } from '../../sign-in/pages';

export type { HttpAnswer };

/** A browser's request to the sign-in pages, served by the same work as Slack's. */
export type SignInRequest =
  | { route: 'start'; linkId: string; cookie?: string }
  /** The start page's Continue (a POST): where the browser says it comes from, its cookie and form. */
  | { route: 'continue'; linkId: string; origin?: string; fetchSite?: string; cookie?: string; form?: string }
  | { route: 'callback'; url: string; cookie?: string };

export type Job =
  | { kind: 'command'; command: SlashCommand }
  | { kind: 'action'; body: BlockAction<ButtonAction> }
  | { kind: 'event'; body: EnvelopedEvent }
  /** `receivedAt`: when the listener got it (ms since the epoch); Slack's 3 s count from then. */
  | { kind: 'submission'; body: ViewSubmitAction; receivedAt: number }
  | { kind: 'signIn'; request: SignInRequest };

export type SubmissionAnswer = Answer | undefined;
export type JobAnswer = SubmissionAnswer | HttpAnswer;

/** Where jobs run: a worker thread (the default) or this thread. */
export interface WorkRunner {
  /** Fire and forget: the listener has already acknowledged Slack. */
  post(job: Exclude<Job, { kind: 'submission' | 'signIn' }>): void;
  /** Resolves with the view_submission ack as soon as it is known; the work may go on after. */
  submit(job: Extract<Job, { kind: 'submission' }>): Promise<SubmissionAnswer>;
  /** A sign-in page: resolves with what the browser gets. */
  serve(job: Extract<Job, { kind: 'signIn' }>): Promise<HttpAnswer>;
  /**
   * Resolves once jobs run without a cold start (the work thread has loaded its code): the bot
   * accepts Slack's requests only then, so a first command after a start is not late for its 3 s.
   */
  ready(): Promise<void>;
  stop(): Promise<void>;
}
