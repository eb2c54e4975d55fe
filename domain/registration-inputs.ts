/**
 * The shapes of everything an applicant sends to a registration, as ready-made zod schemas and
 * their types, for code outside workflows (clients, activities, tests). Workflows build the
 * schemas they need per validation from registration-schemas.ts and import only types from here.
 */
import type { z } from 'zod';
import * as build from './registration-schemas';

export const Locale = build.locale();
export type Locale = z.infer<typeof Locale>;
export const CredentialProvider = build.credentialProvider();
export type CredentialProvider = z.infer<typeof CredentialProvider>;

export const EmailAddress = build.emailAddress();
export const PhoneNumber = build.phoneNumber();
export const BusinessNumber = build.businessNumber();
export const MailingAddress = build.mailingAddress();
export const SharedSecret = build.sharedSecret();

export const CredentialVerifiedInput = build.credentialVerifiedInput();
export type CredentialVerifiedInput = z.input<typeof CredentialVerifiedInput>;
export const AcceptTermsInput = build.acceptTermsInput();
export type AcceptTermsInput = z.input<typeof AcceptTermsInput>;
export const UserAccountInput = build.userAccountInput();
export type UserAccountInput = z.input<typeof UserAccountInput>;
export type UserAccountProfile = z.output<typeof UserAccountInput>;
export const BusinessAccountInput = build.businessAccountInput();
export type BusinessAccountInput = z.input<typeof BusinessAccountInput>;
export type BusinessAccountSubmission = z.output<typeof BusinessAccountInput>;
export const SkipBusinessAccountInput = build.skipBusinessAccountInput();
export const CancelRegistrationInput = build.cancelRegistrationInput();
export type CancelRegistrationInput = z.input<typeof CancelRegistrationInput>;
export const Applicant = build.applicant();
export type Applicant = z.infer<typeof Applicant>;
