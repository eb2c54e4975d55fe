/**
 * The system of record as the bot and the sign-in pages reach it: the database handle they hold
 * and the read model they query. Writes belong to the workflows' activities, except the bot's own
 * delivery receipts and the sign-in links.
 */
export { createDatabase, type Database } from '../prisma/database';
export * from './directory';
export * from './business-accounts';
export * from './business-messages';
export * from './role-requests';
export * from './slack-event-receipts';
export * from './codec-audit';
export * from './terms-standing';
