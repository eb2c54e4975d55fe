import { LookupKind } from '../query';
import { lookupCommand } from './lookup-command';

export const bn = lookupCommand(
  LookupKind.BusinessNumber,
  'bn <business number>',
  'the business account with this number (123456782RM0001): members, lock, role requests',
);
