/** `email <e-mail>`: everyone whose user account has this e-mail address, in any case. */
import { LookupKind } from '../query';
import { lookupCommand } from './lookup-command';

export const email = lookupCommand(LookupKind.Email, 'email <e-mail>');
