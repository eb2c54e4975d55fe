/**
 * The stand-in's browser console (server.ts, with the page's script and stylesheet in static/), and
 * the Block Kit renderer it is built on, as other modules import them.
 */
export { DEV_USERS, type DevSignIn } from '../dev-users';
export { allowedRequest, type HostCheck } from './http';
export { escapeHtml } from './html';
export { renderMrkdwn, renderTextObject } from './mrkdwn';
export { CONSOLE_CSP, renderConsolePage } from './page';
export { renderBlocks } from './render';
export { stateValues } from './requests';
export { type ConsoleDeps, type ConsoleOptions, SlackConsole } from './server';
export { type ConsoleState } from './state';
