/** `show <workflow id>`: one registration, decoded with the payload keys: step, deadline, lock, link. */
import { readRegistration } from '../../../client/support-actions';
import { ExitCode, parseCommand, positionalOf, type SupportCommand } from '../command';

export const show: SupportCommand = {
  name: 'show',
  usage: 'show <registration workflow id>',
  async run(args, deps) {
    const { positionals } = parseCommand(args, {});
    const workflowId = positionalOf(positionals, 'workflow id of the registration');
    const reading = await readRegistration(await deps.client(), deps.config, workflowId);
    const { t, out } = deps;
    const status = reading.registration;
    if (status) {
      out(t('support.show_running', { workflowId, step: status.step, startedAt: reading.startedAt }));
      if (status.deadline) out(t('support.show_deadline', { deadline: status.deadline }));
      if (status.attemptsRemaining !== undefined)
        out(t('support.show_attempts', { attempts: status.attemptsRemaining }));
      if (status.lockedUntil) out(t('support.show_locked', { lockedUntil: status.lockedUntil }));
    } else {
      out(t('support.show_ended', { workflowId, status: reading.status, startedAt: reading.startedAt }));
      if (reading.endedAt) out(t('support.show_ended_step', { step: reading.endedAt }));
    }
    out(t('support.web_ui', { link: reading.link }));
    return ExitCode.Done;
  },
};
