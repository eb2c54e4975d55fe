/**
 * The subcommands of `npm run support`, one file each: add a command by adding its file and a row
 * here (--help lists them in this order).
 */
import type { SupportCommand } from './command';
import { bn } from './bn';
import { email } from './email';
import { urn } from './urn';

export const SUPPORT_COMMANDS: Readonly<Record<string, SupportCommand>> = { urn, bn, email };

export { ExitCode, UsageError, type CommandResult, type SupportCommand, type SupportContext } from './command';
