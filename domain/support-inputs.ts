/**
 * What a support agent sends, as ready-made zod schemas for code outside workflows (clients,
 * tests); workflows build theirs per validation from support-schemas.ts.
 */
import * as build from './support-schemas';

export const LiftLockInput = build.liftLockInput();
export const ResendReminderInput = build.resendReminderInput();
export const RegistrationTarget = build.registrationTarget();
