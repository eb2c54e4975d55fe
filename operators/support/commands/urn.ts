import { LookupKind } from '../query';
import { lookupCommand } from './lookup-command';

export const urn = lookupCommand(
  LookupKind.Urn,
  'urn <URN>',
  'the person with this User Reference Number (1234-5678-9012, dashes optional)',
);
