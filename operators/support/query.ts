/**
 * What a support agent typed: a URN, a business number or an e-mail, checked and put in canonical
 * form, or the reason it is not one (a catalogue key, so the CLI and Slack word it alike). And its
 * keyed digest, which is all the audit trail keeps of it.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { parseExportBusinessNumber } from '../../domain/business-number';
import { parseUrn } from '../../domain/urn';
import type { MessageKey } from '../../i18n/catalogue';
import { SearchDigestKind, searchDigest } from '../../client/search-digests';

export const LookupKind = { Urn: 'urn', BusinessNumber: 'bn', Email: 'email' } as const;
export type LookupKind = (typeof LookupKind)[keyof typeof LookupKind];
export const LOOKUP_KINDS: readonly LookupKind[] = Object.values(LookupKind);

export interface SupportQuery {
  kind: LookupKind;
  /** Canonical: `1234-5678-9012`, `123456782RM0001`, or the e-mail trimmed and lower-cased. */
  value: string;
}

export type QueryProblem = { messageKey: MessageKey; params?: Record<string, string | number> };
export type ParsedQuery = { ok: true; query: SupportQuery } | { ok: false; problem: QueryProblem };

/** Lenient on purpose: it finds what was stored, and stored e-mails passed the stricter form schema. */
const Email = z.email().max(254);

export function parseSupportQuery(kind: LookupKind, typed: string): ParsedQuery {
  const text = typed.trim();
  if (text === '') return { ok: false, problem: { messageKey: `support.invalid.${kind}_empty` } };
  switch (kind) {
    case LookupKind.Urn: {
      const urn = parseUrn(text);
      if (urn.ok) return { ok: true, query: { kind, value: urn.value } };
      return { ok: false, problem: { messageKey: `support.invalid.urn_${urn.problem}` } };
    }
    case LookupKind.BusinessNumber: {
      const bn = parseExportBusinessNumber(text);
      if (bn.ok) return { ok: true, query: { kind, value: bn.value } };
      const { code, ...params } = bn.problem;
      return {
        ok: false,
        problem: {
          messageKey: `validation.business_number.${code}`,
          params,
        },
      };
    }
    case LookupKind.Email: {
      const email = Email.safeParse(text.toLowerCase());
      if (email.success) return { ok: true, query: { kind, value: email.data } };
      return { ok: false, problem: { messageKey: 'support.invalid.email' } };
    }
  }
}

/**
 * The keyed digest of a query under the search key. For a URN or business number it is the
 * digest the search attributes carry, so the audit event and the workflows can be matched by who
 * holds the key; an e-mail gets one of its own kind.
 */
export function queryDigest(searchKey: Buffer, query: SupportQuery): string {
  switch (query.kind) {
    case LookupKind.Urn:
      return searchDigest(searchKey, SearchDigestKind.Urn, query.value);
    case LookupKind.BusinessNumber:
      return searchDigest(searchKey, SearchDigestKind.BusinessNumber, query.value);
    case LookupKind.Email:
      return createHmac('sha256', searchKey)
        .update(`cers-support-v1\0email\0${query.value}`)
        .digest('hex')
        .slice(0, 32);
  }
}
