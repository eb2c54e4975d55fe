/** The support tool's commands, by name: `npm run support -- <name> ...`. One file each. */
import type { SupportCommand } from '../command';
import { cancel } from './cancel';
import { remind } from './remind';
import { show } from './show';
import { stuck } from './stuck';
import { unlock } from './unlock';

export const SUPPORT_COMMANDS: readonly SupportCommand[] = [stuck, show, remind, cancel, unlock];
