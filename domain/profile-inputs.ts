/**
 * The shapes of what a person sends to a profile change, as ready-made zod schemas, for code
 * outside workflows (the bot, tests). Workflows build them per validation from profile-schemas.ts.
 * The profile itself is the registration's UserAccountInput (registration-inputs.ts).
 */
import type { z } from 'zod';
import * as build from './profile-schemas';

export const ConfirmEmailInput = build.confirmEmailInput();
export type ConfirmEmailInput = z.input<typeof ConfirmEmailInput>;
