// Shared helpers of the end-to-end tests: paths to real data files, the idle wait, screenshots, real file
// drops, dataset rows, and IndexedDB inspection inside the page (the store's own database, read-only).
import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const sharedData = resolve(repoRoot, '../shared/data');
export const NAB_FILE = resolve(sharedData, 'formats/csv-timeseries/nab_ec2_request_latency_system_failure.csv');
export const NAB_NAME = 'nab_ec2_request_latency_system_failure.csv';
const shots = resolve(repoRoot, 'test-results/screenshots');

/** Waits until the app reports idle: no worker calls, no queued chart requests or redraws, no import. */
export async function idle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => typeof window.__faultlineIdle === 'function' && window.__faultlineIdle(), null, { timeout });
}

/** Clicks the button labelled `start`, then `cancel`, in one task (so the run cannot finish in between); both within `scope`. */
export async function startAndCancel(page: Page, scope: string, start: string, cancel = 'Cancel'): Promise<void> {
  await page.evaluate(([sel, a, b]) => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>(`${sel} button`)];
    buttons.find((x) => x.textContent === a)?.click();
    buttons.find((x) => x.textContent === b)?.click();
  }, [scope, start, cancel]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: resolve(shots, `${name}.png`) });
}

/** A screenshot through the page's CDP session: at a device pixel ratio set there, which page.screenshot() resets. */
export async function screenshotThrough(cdp: CDPSession, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(resolve(shots, `${name}.png`), Buffer.from(data, 'base64'));
}

export interface StoreContents {
  datasets: { id: string; name: string }[];
  chunks: number;
}

/** What the 'faultline' IndexedDB database holds right now (opened without upgrading it). */
export async function storeContents(page: Page): Promise<StoreContents> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'faultline')) return { datasets: [], chunks: 0 };
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('faultline');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('datasets')) return { datasets: [], chunks: 0 };
      const tx = db.transaction(['datasets', 'chunks'], 'readonly');
      const req = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
      const all = (await req(tx.objectStore('datasets').getAll())) as { id: string; name: string }[];
      const chunks = await req(tx.objectStore('chunks').count());
      return { datasets: all.map((d) => ({ id: d.id, name: d.name })), chunks };
    } finally {
      db.close();
    }
  });
}

/** Opens the app on a fresh profile and waits for the empty state. */
export async function openEmpty(page: Page): Promise<void> {
  await page.goto('/');
  await idle(page);
  await expect(page.getByRole('heading', { name: 'No telemetry yet' })).toBeVisible();
}

/** The sidebar entry of a dataset by its name. */
export function datasetItem(page: Page, name: string) {
  return page.getByRole('list', { name: 'Stored datasets' }).getByRole('listitem').filter({ hasText: name });
}

/** Drops real paths (files or folders) on the page through Chromium's drag machinery. */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 700, y: 400, data });
  await cdp.detach();
}

/** The dataset manager's row of a dataset by its name. */
export function managerRow(page: Page, name: string) {
  return page.locator('tr.dataset-row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/**
 * Records every request of the context (pages, workers, service worker) and every CSP violation;
 * `foreign()` lists the requests to another origin than `origin`, `violations(page)` the CSP reports.
 */
export async function watchPrivacy(context: BrowserContext, origin: string) {
  const urls = new Set<string>();
  context.on('request', (r) => urls.add(r.url()));
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    urls,
    foreign: () => [...urls].filter((u) => new URL(u).origin !== origin),
    violations: (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
  };
}
