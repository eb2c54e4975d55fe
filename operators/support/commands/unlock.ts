/** `unlock <BN15> --reason <text>`: lift the shared-secret lock on a business number. */
import { liftSharedSecretLock } from '../../../client/support-actions';
import { ExitCode, callerOf, parseCommand, positionalOf, requestIdOf, type SupportCommand } from '../command';

export const unlock: SupportCommand = {
  name: 'unlock',
  usage: 'unlock <business number> --reason <why> [--request <id>] --agent <name> --role support',
  async run(args, deps) {
    const { values, positionals } = parseCommand(args, { reason: { type: 'string' } });
    const caller = callerOf(values, deps);
    const businessNumber = positionalOf(positionals, 'business number');
    const requestId = requestIdOf(values, deps);
    const result = await liftSharedSecretLock(await deps.client(), deps.config, caller, {
      businessNumber,
      reason: values.reason ?? '',
      requestId,
    });
    switch (result.outcome) {
      case 'lifted':
        deps.out(deps.t('support.lock_lifted', { businessNumber: result.businessNumber, liftedAt: result.liftedAt }));
        return ExitCode.Done;
      case 'not_locked':
        deps.out(deps.t('support.lock_not_set', { businessNumber: result.businessNumber }));
        return ExitCode.NothingToDo;
      case 'not_found':
        deps.out(deps.t('support.authorization_not_found', { businessNumber: result.businessNumber }));
        return ExitCode.NothingToDo;
    }
  },
};
