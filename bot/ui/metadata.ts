/**
 * What a modal carries between interactions (`private_metadata`): the language it speaks and what it is about.
 * It comes back from Slack inside the request, so it is parsed like any other input; anything
 * unexpected falls back to English rather than failing the interaction.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/registration-inputs';

const ViewMetadata = z.object({
  locale: z.enum(['en', 'fr']),
  /** What the modal is about: a business account id, or a request button's value. Untrusted: re-checked. */
  subject: z.string().max(200).optional(),
});
export type ViewMetadata = z.infer<typeof ViewMetadata>;

export const encodeMetadata = (metadata: ViewMetadata): string => JSON.stringify(metadata);

export function decodeMetadata(raw: string | undefined): ViewMetadata | undefined {
  if (!raw) return undefined;
  try {
    const parsed = ViewMetadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const metadataLocale = (raw: string | undefined, fallback: Locale = 'en'): Locale =>
  decodeMetadata(raw)?.locale ?? fallback;
