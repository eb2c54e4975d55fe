/**
 * Slack's answers to Block Kit that breaks its rules (see validate.ts), for the stand-in's Web API
 * and response_url sink:
 * - a view (views.open/push/update/publish): `invalid_arguments`, each problem in
 *   `response_metadata.messages` as `[ERROR] <problem> [json-pointer:/view/...]`;
 * - message blocks (chat.postMessage/update): `invalid_blocks`, the problems in `errors` and again in
 *   `response_metadata.messages`; message text over the limit alone: `msg_too_long`.
 */
import { issueLine, issueText, validateMessage, validateView, type BlockKitIssue } from './validate';

export type BlockKitRefusal = {
  ok: false;
  error: 'invalid_arguments' | 'invalid_blocks' | 'msg_too_long';
  errors?: string[];
  response_metadata?: { messages: string[] };
};

export function viewRefusal(view: unknown): BlockKitRefusal | undefined {
  const issues = validateView(view);
  return issues.length > 0
    ? { ok: false, error: 'invalid_arguments', response_metadata: { messages: issues.map(issueLine) } }
    : undefined;
}

export function messageRefusal(message: { text?: unknown; blocks?: unknown }): BlockKitRefusal | undefined {
  const issues = validateMessage(message);
  if (issues.length === 0) return undefined;
  const inBlocks = issues.filter((i) => i.pointer.startsWith('/blocks'));
  if (inBlocks.length === 0) return { ok: false, error: 'msg_too_long' };
  return refusal('invalid_blocks', inBlocks);
}

function refusal(error: 'invalid_blocks', issues: BlockKitIssue[]): BlockKitRefusal {
  return { ok: false, error, errors: issues.map(issueText), response_metadata: { messages: issues.map(issueLine) } };
}

/** The refusal of a Web API call carrying Block Kit, or undefined when it passes (or carries none). */
export function blockKitRefusal(method: string, args: Record<string, unknown>): BlockKitRefusal | undefined {
  switch (method) {
    case 'views.open':
    case 'views.push':
    case 'views.update':
    case 'views.publish':
      return viewRefusal(args.view);
    case 'chat.postMessage':
    case 'chat.update':
      return messageRefusal(args);
    default:
      return undefined;
  }
}

/** The refusal's problems, one line each (`[ERROR] ... [json-pointer:...]`), or its code when it has none. */
export const refusalLines = (refusal: BlockKitRefusal): string[] =>
  refusal.response_metadata?.messages ?? [refusal.error];
