/** `remind <workflow id>`: send the applicant a reminder now, once per request. */
import { resendRegistrationReminder } from '../../../client/support-actions';
import { ExitCode, callerOf, parseCommand, positionalOf, requestIdOf, type SupportCommand } from '../command';

export const remind: SupportCommand = {
  name: 'remind',
  usage: 'remind <registration workflow id> [--request <id>] --agent <name> --role support',
  async run(args, deps) {
    const { values, positionals } = parseCommand(args, {});
    const caller = callerOf(values, deps);
    const workflowId = positionalOf(positionals, 'workflow id of the registration');
    const requestId = requestIdOf(values, deps);
    const result = await resendRegistrationReminder(await deps.client(), caller, { workflowId, requestId });
    if (!result.delivered) {
      deps.out(deps.t('support.reminder_not_delivered', { workflowId }));
      return ExitCode.Failed;
    }
    deps.out(deps.t('support.reminder_sent', { workflowId, step: result.step }));
    return ExitCode.Done;
  },
};
