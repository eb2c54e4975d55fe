/**
 * What a modal carries between interactions (`private_metadata`): only the language it speaks.
 * It comes back from Slack inside the request, so it is parsed like any other input; anything
 * unexpected falls back to English rather than failing the interaction.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/registration-inputs';

const ViewMetadata = z.object({ locale: z.enum(['en', 'fr']) });
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

export const metadataLocale = (raw: string | undefined, fallback: Locale = 'en'): Locale => decodeMetadata(raw)?.locale ?? fallback;
