/** `urn <URN>`: the person with this User Reference Number (dashes or spaces optional). */
import { LookupKind } from '../query';
import { lookupCommand } from './lookup-command';

export const urn = lookupCommand(LookupKind.Urn, 'urn <URN>');
