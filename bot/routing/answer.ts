/** What a view_submission ack carries: the next view, errors on fields, or close. */
import type { ModalView } from '@slack/types';

export type Answer =
  | { response_action: 'update'; view: ModalView }
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'clear' };
