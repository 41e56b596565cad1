// Opening a replay session (a .faultline file or a #/session/ link): import through the analysis worker, then
// the dataset's Chaos lab with the scenario; errors shown as readable notices; a missing dataset asked for.

import * as Comlink from 'comlink';
import type { SessionImport } from '../workers/api-session';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { datasetHref, navigate } from './router';

/** Told after a session was opened (the sidebar lists a dataset the session stored). */
const changed = (): boolean => window.dispatchEvent(new Event('faultline:datasets-changed'));

let notice: HTMLElement | undefined;

/** Shows (replacing the previous) a session notice; `extra` goes under the message. */
export function sessionNotice(title: string, message: string, kind: 'error' | 'info', ...extra: Node[]): HTMLElement {
  notice?.remove();
  const close = h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => el.remove() } }, 'Close');
  const el = h('div', { class: `session-notice session-notice-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status', 'data-testid': 'session-notice' } },
    h('strong', null, title), h('p', null, message), ...extra, h('div', { class: 'session-notice-actions' }, close));
  document.body.append(el);
  notice = el;
  return el;
}

/**
 * Goes to the session's dataset in the Chaos lab with its view parameters; the app lists the dataset (it may
 * be new) and renders the view again on 'faultline:session-opened' (also when already there).
 */
function land(r: Extract<SessionImport, { ok: true }>): void {
  notice?.remove();
  window.dispatchEvent(new Event('faultline:session-opened'));
  navigate(datasetHref(r.datasetId, 'chaos', r.session.view.params));
}

/**
 * Asks for the dataset a session needs: the user picks (or drops) its file, which is imported like every
 * telemetry file; then `retry` opens the session again.
 */
function askForDataset(workers: Workers, r: Extract<SessionImport, { ok: false }>, retry: () => Promise<void>): void {
  const status = h('p', { class: 'muted', attrs: { 'aria-live': 'polite' } });
  const importData = async (file: File): Promise<void> => {
    replace(status, `Importing ${file.name}…`);
    const result = await workers.importer.importFile(crypto.randomUUID(), file, Comlink.proxy(() => undefined));
    if (!result.ok) {
      replace(status, result.error.message);
      return;
    }
    changed();
    replace(status, `Imported ${file.name}; opening the session…`);
    await retry();
  };
  const input = h('input', { attrs: { type: 'file', 'aria-label': 'Dataset file for the session', 'data-testid': 'session-dataset-input' } });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void importData(file);
  });
  const zone = h('div', { class: 'session-drop-zone' }, h('span', null, 'Drop the dataset file here, or '), input);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.stopPropagation();
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    const file = e.dataTransfer?.files[0];
    if (file) void importData(file);
  });
  sessionNotice('This session needs its dataset', r.error.message, 'error', zone, status);
}

async function open(workers: Workers, run: () => Promise<SessionImport>, name: string): Promise<void> {
  let r: SessionImport;
  try {
    r = await run();
  } catch (e) {
    sessionNotice(`Could not open ${name}`, e instanceof Error ? e.message : String(e), 'error');
    return;
  }
  if (r.ok) return land(r);
  if (r.error.kind === 'missing-dataset') return askForDataset(workers, r, () => open(workers, run, name));
  sessionNotice(`Could not open ${name}`, r.error.message, 'error');
}

/** Opens a .faultline file (from the Import session button or a drop). */
export function openSessionFile(workers: Workers, file: File): Promise<void> {
  return open(workers, () => workers.analysis.importSession(file), file.name);
}

/** Opens the session a share link carries (the part after "#/session/"); nothing leaves the page. */
export function openSessionLink(workers: Workers, payload: string): Promise<void> {
  return open(workers, () => workers.analysis.importLink(payload), 'the session link');
}

/** Files of a drop or pick that are sessions are opened as such; the rest are returned (telemetry). */
export async function splitSessions(workers: Workers | undefined, files: File[]): Promise<File[]> {
  if (!workers) return files;
  const rest: File[] = [];
  for (const f of files) {
    if (await workers.analysis.isSessionFile(f).catch(() => false)) await openSessionFile(workers, f);
    else rest.push(f);
  }
  return rest;
}
