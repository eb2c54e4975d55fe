/** What the HTTP thread and the work thread say to each other. */
import type { LogFields, LogLevel } from '../../config/logger';
import type { Job, JobAnswer } from './jobs';

export type ToWorkThread = { type: 'job'; id: number; job: Job } | { type: 'stop' };

export type FromWorkThread =
  | { type: 'answer'; id: number; ack: JobAnswer }
  | { type: 'log'; level: LogLevel; message: string; fields?: LogFields }
  /** Its code is loaded and its clients made: jobs now run at once. */
  | { type: 'ready' };
