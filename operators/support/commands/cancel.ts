/**
 * `cancel <workflow id> --reason <text>`: cancel a registration with its cancelRegistration signal
 * (never terminate) and say how it ended: a step in flight finishes first, so it may complete.
 */
import { cancelRegistrationSafely } from '../../../client/support-actions';
import { ExitCode, callerOf, parseCommand, positionalOf, type SupportCommand } from '../command';

export const cancel: SupportCommand = {
  name: 'cancel',
  usage: 'cancel <registration workflow id> --reason <why> --agent <name> --role support',
  async run(args, deps) {
    const { values, positionals } = parseCommand(args, { reason: { type: 'string' } });
    const caller = callerOf(values, deps);
    const workflowId = positionalOf(positionals, 'workflow id of the registration');
    const { before, after } = await cancelRegistrationSafely(await deps.client(), caller, {
      workflowId,
      reason: values.reason ?? '',
    });
    if (after === 'cancelled') {
      deps.out(deps.t('support.cancelled', { workflowId, step: before }));
      return ExitCode.Done;
    }
    deps.out(
      after === 'completed'
        ? deps.t('support.completed_first', { workflowId, step: before })
        : deps.t('support.ended_as', { workflowId, step: after }),
    );
    return ExitCode.NothingToDo;
  },
};
