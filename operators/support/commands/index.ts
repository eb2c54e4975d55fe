/** The support tool's commands, by name: `npm run support -- <name> ...`. One file each. */
import type { SupportCommand } from '../command';
import { bn } from './bn';
import { cancel } from './cancel';
import { email } from './email';
import { query } from './query';
import { remind } from './remind';
import { show } from './show';
import { stuck } from './stuck';
import { unlock } from './unlock';
import { urn } from './urn';

export const SUPPORT_COMMANDS: readonly SupportCommand[] = [urn, email, bn, query, stuck, show, remind, cancel, unlock];
