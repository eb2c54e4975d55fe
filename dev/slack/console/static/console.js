// @ts-check
/**
 * The console page's script (served as /console.js; the page is ../page.ts). It renders nothing
 * from strings itself: it swaps in the server's escaped fragments when their keys change, and
 * leaves the open modal alone while its view id and hash stay the same, so what the developer is
 * typing survives every poll. tsc checks it through these JSDoc types (./tsconfig.json).
 */
'use strict';

/** @typedef {{ key: string, html: string }} Section */
/** @typedef {Section & { viewId: string, hash: string }} ModalSection */
/**
 * What GET /console/state answers (ConsoleState in ../state.ts), or the refusal it answers instead.
 * @typedef {object} ConsoleState
 * @property {string} version
 * @property {{ realName: string }} user
 * @property {boolean} botConnected
 * @property {{ users: Section, notice: Section, conversation: Section, home: Section, modal: ModalSection | null }} sections
 * @property {string} [message]
 */
/**
 * What the console's POST routes answer.
 * @typedef {object} Answer
 * @property {boolean} ok
 * @property {string} [message]
 * @property {string} [error]
 * @property {Record<string, string>} [errors] The bot's errors for a submitted modal, by block id.
 * @property {string} [user] The person just added.
 */
/** @typedef {string | string[] | null} FieldValue */
/** @typedef {Record<string, Record<string, FieldValue>>} Fields */
/** @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} Field */

const user = new URLSearchParams(location.search).get('user') || '';
/** @type {Record<string, string>} */
const shown = {};
/** @type {{ viewId: string, hash: string } | null} */
let openModal = null;
/** @type {number | undefined} */
let polling = undefined;
let refreshing = false;
let refreshAgain = false;
let homeRequested = false;
/** A response's JSON, whose shape its route promises (the casts where it is read say which). @param {Response} response */
const jsonOf = (response) => /** @type {Promise<unknown>} */ (response.json());
/** An element the page always has (../page.ts). @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** A form control the page always has (../page.ts). @param {string} id */
const controlById = (id) => /** @type {HTMLInputElement | HTMLSelectElement} */ (document.getElementById(id));

/** @param {string} text @param {boolean} isError */
function say(text, isError) {
  const bar = byId('status');
  bar.textContent = text;
  bar.className = isError ? 'error' : '';
}

/**
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @param {HTMLButtonElement | null} [control] Disabled while the request runs.
 * @returns {Promise<Answer>}
 */
async function post(path, body, control) {
  if (control) control.disabled = true;
  /** @type {Answer} */
  let result;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.assign({ user: user }, body)),
    });
    result = /** @type {Answer} */ (
      await jsonOf(response).catch(() => ({ ok: false, message: 'HTTP ' + response.status }))
    );
  } catch (error) {
    result = {
      ok: false,
      message: 'The console is unreachable: ' + (error instanceof Error ? error.message : String(error)),
    };
  } finally {
    if (control) control.disabled = false;
  }
  say(result.message || result.error || (result.ok ? 'Done' : 'Failed'), !result.ok);
  poll(150);
  return result;
}

/** @param {Element} root */
function fieldsIn(root) {
  return /** @type {NodeListOf<Field>} */ (root.querySelectorAll('[data-field]'));
}

/** Field values by block id and action id: the shape the console turns into state.values. @param {Element} root */
function readFields(root) {
  /** @type {Fields} */
  const fields = {};
  fieldsIn(root).forEach((el) => {
    const blockId = el.dataset.blockId ?? '';
    const actionId = el.dataset.actionId ?? '';
    const block = Object.prototype.hasOwnProperty.call(fields, blockId) ? fields[blockId] : (fields[blockId] = {});
    if (!block) return;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (!Object.prototype.hasOwnProperty.call(block, actionId)) block[actionId] = null;
      if (el.checked) block[actionId] = el.value;
    } else if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      let checked = block[actionId];
      if (!Array.isArray(checked)) block[actionId] = checked = [];
      if (el.checked) checked.push(el.value);
    } else {
      block[actionId] = el.value;
    }
  });
  return fields;
}

/**
 * After the bot updated the same modal, what was typed stays where block and action ids match (as in Slack).
 * @param {Element} root
 * @param {Fields} fields
 */
function restoreFields(root, fields) {
  fieldsIn(root).forEach((el) => {
    const blockId = el.dataset.blockId ?? '';
    const actionId = el.dataset.actionId ?? '';
    const block = Object.prototype.hasOwnProperty.call(fields, blockId) ? fields[blockId] : null;
    if (!block || !Object.prototype.hasOwnProperty.call(block, actionId)) return;
    const value = block[actionId];
    if (el instanceof HTMLInputElement && el.type === 'radio') el.checked = value === el.value;
    else if (el instanceof HTMLInputElement && el.type === 'checkbox')
      el.checked = Array.isArray(value) && value.includes(el.value);
    else el.value = value == null ? '' : String(value);
  });
}

/** @param {HTMLFormElement} form @param {Record<string, string>} errors */
function showErrors(form, errors) {
  const slots = Array.from(/** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll('[data-error-for]')));
  /** @type {string[]} */
  const general = [];
  slots.forEach((slot) => {
    slot.textContent = '';
    slot.hidden = true;
  });
  Object.entries(errors || {}).forEach(([blockId, message]) => {
    const slot = slots.find((s) => s.dataset.errorFor === blockId);
    if (slot && blockId !== '') {
      slot.textContent = message;
      slot.hidden = false;
    } else general.push(blockId + ': ' + message);
  });
  const rest = slots.find((s) => s.dataset.errorFor === '');
  if (rest && general.length) {
    rest.textContent = general.join('\n');
    rest.hidden = false;
  }
  const first = slots.find((s) => !s.hidden);
  if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

/** @param {string} name @param {Section} section @param {HTMLElement} element */
function swap(name, section, element) {
  if (shown[name] === section.key) return false;
  shown[name] = section.key;
  element.innerHTML = section.html;
  return true;
}

/** @param {ModalSection | null} section */
function applyModal(section) {
  const key = section ? section.key : '';
  if (shown.modal === key) return;
  const layer = byId('modal-layer');
  const form = document.getElementById('modal-form');
  const kept = form && section && openModal && openModal.viewId === section.viewId ? readFields(form) : null;
  shown.modal = key;
  openModal = section ? { viewId: section.viewId, hash: section.hash } : null;
  layer.innerHTML = section ? section.html : '';
  layer.hidden = !section;
  if (kept) restoreFields(byId('modal-form'), kept);
}

async function refresh() {
  /** @type {ConsoleState} */
  let state;
  try {
    const response = await fetch('/console/state?user=' + encodeURIComponent(user), { cache: 'no-store' });
    state = /** @type {ConsoleState} */ (await jsonOf(response));
    if (!response.ok) {
      say(state.message || 'HTTP ' + response.status, true);
      return;
    }
  } catch {
    say('The console is unreachable (is the service still running?)', true);
    return;
  }
  if (!homeRequested && state.botConnected) {
    // Slack sends app_home_opened whenever the user opens the app; opening the console is that moment.
    homeRequested = true;
    void post('/console/home', {});
  }
  if (state.version === shown.version) return;
  shown.version = state.version;
  document.title = state.user.realName + ' · CERS Slack console';
  swap('users', state.sections.users, byId('user'));
  swap('notice', state.sections.notice, byId('notice'));
  const conversation = byId('conversation');
  const atBottom = conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 40;
  if (swap('conversation', state.sections.conversation, conversation) && atBottom)
    conversation.scrollTop = conversation.scrollHeight;
  swap('home', state.sections.home, byId('home'));
  applyModal(state.sections.modal);
}

/** One refresh at a time; asking during one (after a click) runs another right after it. @param {number} delay */
function poll(delay) {
  clearTimeout(polling);
  polling = setTimeout(() => void tick(), delay);
}

async function tick() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    await refresh();
  } finally {
    refreshing = false;
  }
  poll(refreshAgain ? 0 : 1000);
  refreshAgain = false;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const button = /** @type {HTMLButtonElement | null} */ (target.closest('button[data-action-id]'));
  if (button) {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    // Opened within the click itself, or the browser blocks the new tab.
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener,noreferrer');
    const container = /** @type {HTMLElement | null} */ (button.closest('[data-container]'));
    if (!container) return;
    /** @type {Record<string, unknown>} */
    const body = { actionId: button.dataset.actionId, blockId: button.dataset.blockId };
    if (button.dataset.value !== undefined) body.value = button.dataset.value;
    if (container.dataset.container === 'view') body.viewId = container.dataset.viewId;
    else body.message = { channel: container.dataset.channel, ts: container.dataset.ts };
    void post('/console/action', body, button);
    return;
  }
  const close = /** @type {HTMLButtonElement | null} */ (target.closest('button[data-close-view]'));
  if (close) {
    void post('/console/close', { viewId: close.dataset.closeView }, close);
    return;
  }
  const home = /** @type {HTMLButtonElement | null} */ (target.closest('button[data-open-home]'));
  if (home) void post('/console/home', {}, home);
});

/** The page's forms, answered here rather than by the browser (which would reload the page). @param {SubmitEvent} event */
async function submitted(event) {
  const form = /** @type {HTMLFormElement} */ (event.target);
  event.preventDefault();
  /** @param {string} selector */
  const button = (selector) => /** @type {HTMLButtonElement | null} */ (form.querySelector(selector));
  if (form.id === 'modal-form') {
    const result = await post(
      '/console/submit',
      { viewId: form.dataset.viewId, hash: form.dataset.hash, fields: readFields(form) },
      button('[type=submit]'),
    );
    if (result.errors && byId('modal-form') === form) showErrors(form, result.errors);
  } else if (form.id === 'command-form') {
    const text = controlById('command-text');
    const command = controlById('command-name').value.trim() || undefined;
    const result = await post('/console/command', { command: command, text: text.value }, button('button'));
    if (result.ok) text.value = '';
  } else if (form.id === 'person-form') {
    const result = await post(
      '/console/users',
      { name: controlById('person-name').value, language: controlById('person-language').value },
      button('button'),
    );
    // The new person is who the page shows from now on.
    if (result.ok && result.user) location.search = '?user=' + encodeURIComponent(result.user);
  } else if (form.id === 'message-form') {
    const text = controlById('message-text');
    const result = await post('/console/message', { text: text.value }, button('button'));
    if (result.ok) text.value = '';
  }
}

// Listeners return nothing: the promise is the handler's own business (it reports through `say`).
document.addEventListener('submit', (event) => void submitted(event));

byId('user').addEventListener('change', (event) => {
  location.search = '?user=' + encodeURIComponent(/** @type {HTMLSelectElement} */ (event.target).value);
});

poll(0);
