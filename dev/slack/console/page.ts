/**
 * The console page: an HTML shell, static but for the default command (the user comes from
 * `?user=`), and its stylesheet and script, served as files from static/ beside this module. The
 * page carries no inline script or style, so its Content-Security-Policy allows neither: markup that
 * slipped past the escaping could not run script (no inline code, no file from another origin).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attributes } from './html';

/** The page's script and stylesheet: in the sources, and in dist/ where scripts/build.mjs copies them. */
const STATIC_DIR = path.join(__dirname, 'static');

export interface StaticFile {
  contentType: string;
  body: Buffer;
}

let staticFiles: ReadonlyMap<string, StaticFile> | undefined;

/** The page's files by URL path, read from disk once per process (the first console to start reads them). */
export function consoleStaticFiles(): ReadonlyMap<string, StaticFile> {
  staticFiles ??= new Map([
    [
      '/console.js',
      { contentType: 'text/javascript; charset=utf-8', body: readFileSync(path.join(STATIC_DIR, 'console.js')) },
    ],
    [
      '/console.css',
      { contentType: 'text/css; charset=utf-8', body: readFileSync(path.join(STATIC_DIR, 'console.css')) },
    ],
  ]);
  return staticFiles;
}

/** For the page: its own files, JSON from its own routes, forms to itself, nothing else. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderConsolePage(options: { command: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CERS Slack console</title>
<link rel="stylesheet" href="/console.css">
</head>
<body>
<header class="top">
  <h1>CERS Onboard · local Slack console</h1>
  <label>User <select id="user" aria-label="Slack user"></select></label>
  <details>
    <summary>Add a person</summary>
    <form id="person-form" autocomplete="off">
      <label>Name <input id="person-name" required maxlength="80" placeholder="Dana Scully"></label>
      <label>Language <select id="person-language"><option value="en">English</option><option value="fr">Français</option></select></label>
      <button class="btn primary" type="submit">Add and switch</button>
    </form>
  </details>
</header>
<div id="notice"></div>
<main>
  <section class="panel">
    <h2>Direct message with the bot</h2>
    <div id="conversation" aria-live="polite"></div>
    <div class="composer">
      <form id="command-form" autocomplete="off">
        <input id="command-name"${attributes({ value: options.command, 'aria-label': 'Slash command' })}>
        <input id="command-text" class="grow" placeholder="text after the command (e.g. help), Enter to send" aria-label="Command text">
        <button class="btn primary" type="submit">Run</button>
      </form>
      <form id="message-form" autocomplete="off">
        <input id="message-text" class="grow" placeholder="Message the bot" aria-label="Message" required>
        <button class="btn" type="submit">Send</button>
      </form>
    </div>
  </section>
  <section class="panel">
    <h2>Home tab <button class="btn" type="button" data-open-home>Open again</button></h2>
    <div id="home"></div>
  </section>
</main>
<div id="modal-layer" hidden></div>
<div id="status">Loading…</div>
<script src="/console.js"></script>
</body>
</html>
`;
}
