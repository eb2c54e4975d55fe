/** `bn <business number>`: the business account with this number, its members, lock and role requests. */
import { LookupKind } from '../query';
import { lookupCommand } from './lookup-command';

export const bn = lookupCommand(LookupKind.BusinessNumber, 'bn <business number>');
