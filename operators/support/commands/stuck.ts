/** `stuck --older-than <duration> [--step <step>]`: running registrations on one step for too long. */
import { findStuckRegistrations } from '../../../client/stuck-registrations';
import { parseDuration } from '../../../config/duration';
import { RegistrationStep } from '../../../domain/registration-steps';
import { ExitCode, UsageError, parseCommand, type SupportCommand } from '../command';

const STEPS: readonly string[] = Object.values(RegistrationStep);

export const stuck: SupportCommand = {
  name: 'stuck',
  usage: `stuck --older-than <duration, e.g. 2d or 12h> [--step ${STEPS.join('|')}] [--limit <n>]`,
  async run(args, deps) {
    const { values } = parseCommand(args, {
      'older-than': { type: 'string' },
      step: { type: 'string' },
      limit: { type: 'string' },
    });
    const age = values['older-than'] ?? '';
    const olderThanMs = parseDuration(age);
    if (!olderThanMs) throw new UsageError('--older-than takes a duration such as 2d, 12h or 30m');
    if (values.step !== undefined && !STEPS.includes(values.step))
      throw new UsageError(`--step is one of ${STEPS.join(', ')}`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError('--limit is a whole number');
    const report = await findStuckRegistrations(await deps.client(), deps.config, {
      olderThanMs,
      step: values.step as RegistrationStep | undefined,
      limit,
    });
    deps.out(deps.t('support.query', { query: report.query }));
    deps.out(deps.t('support.web_ui', { link: report.listLink }));
    if (report.stuck.length === 0) {
      deps.out(deps.t('support.stuck_none', { age }));
      return ExitCode.Done;
    }
    deps.out(deps.t('support.stuck_found', { count: report.stuck.length, age }));
    for (const row of report.stuck) {
      deps.out(
        deps.t('support.stuck_row', {
          workflowId: row.workflowId,
          step: row.step,
          since: row.stepSince,
          link: row.link,
        }),
      );
    }
    return ExitCode.Done;
  },
};
