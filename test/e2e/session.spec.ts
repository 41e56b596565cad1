// Replay sessions end to end: demo → Chaos lab → crash fault → run (detected) → Export session (download
// captured; the CLI replays it to the same SHA-256) → storage cleared → the file imported → the same scorecard and SHA-256. The
// dataset's SHA-256 shown in the browser equals the CLI's for the same file; a session without its data asks
// for the dataset by name and fingerprint, takes the file, and opens; a share link opens the session.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readTelemetryFile } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { datasetFingerprint } from '../../src/session/fingerprint';
import { dropPaths, idle, openEmpty, repoRoot } from './helpers';

const SHOTS = process.env.SESSION_SHOTS ?? '/tmp/h6-shots';
const DEMO_METRICS = resolve(repoRoot, 'public/demo/service-metrics.csv');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Demo → Chaos lab of the metrics dataset → a service crash at 10h for 30m → Run; returns the SHA-256 and the scorecard row. */
async function crashRun(page: Page): Promise<{ sha: string; row: string }> {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Chaos lab', exact: true }).click();
  await idle(page);
  await page.getByLabel('Fault kind to add').selectOption('service-crash');
  await page.getByRole('button', { name: 'Add fault' }).click();
  await idle(page);
  const form = page.getByRole('complementary', { name: 'Selected fault' });
  for (const [label, value] of [['Start', '10h'], ['Duration', '30m'], ['Downtime', '1800000']]) {
    await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByLabel(label, { exact: true }).press('Enter');
  }
  await idle(page);
  return runAndRead(page);
}

async function runAndRead(page: Page): Promise<{ sha: string; row: string }> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await idle(page);
  const row = page.getByRole('table', { name: 'Scorecard: per fault' }).getByRole('row').nth(1);
  await expect(row.getByRole('cell', { name: 'detected', exact: true })).toBeVisible();
  const sha = page.getByTestId('chaos-sha');
  await expect(sha).toHaveText(/^[0-9a-f]{64}$/);
  return { sha: (await sha.textContent()) ?? '', row: (await row.textContent()) ?? '' };
}

async function exportSession(page: Page, embed: boolean, path: string): Promise<void> {
  await page.getByTestId('session-export').click();
  if (embed) await page.getByTestId('session-embed').check();
  await shot(page, embed ? 'session-export-options' : 'session-export-referenced');
  const download = page.waitForEvent('download');
  await page.getByTestId('session-download').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('service-metrics.faultline');
  await d.saveAs(path);
  await expect(page.getByTestId('session-status')).toContainText('Saved service-metrics.faultline');
}

/** Deletes the app's database from a page of the same origin without the app (no open connections). */
async function clearStorage(page: Page): Promise<void> {
  await page.goto('/manifest.webmanifest');
  await page.evaluate(() => new Promise<void>((res, rej) => {
    const r = indexedDB.deleteDatabase('faultline');
    r.onsuccess = () => res();
    r.onerror = () => rej(r.error);
    r.onblocked = () => rej(new Error('blocked'));
  }));
  await openEmpty(page);
}

test('export → clear storage → import the .faultline file → same scorecard and SHA-256; fingerprint as the CLI', async ({ page }, info) => {
  const before = await crashRun(page);
  await shot(page, 'session-before-export');

  // The dataset SHA-256 the browser shows is the one the CLI computes for the same file.
  const parsed = await readTelemetryFile(DEMO_METRICS);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const cliFingerprint = await datasetFingerprint(parsed.value.series, parsed.value.traces);
  await expect(page.getByTestId('dataset-fingerprint')).toHaveAttribute('data-fingerprint', cliFingerprint);

  const file = info.outputPath('service-metrics.faultline');
  await exportSession(page, true, file);

  // The CLI replays the exported file to the SHA-256 the browser showed (Node and Chromium agree).
  let printed = '';
  const code = await runCli(['replay', file, '--json'], { out: (t) => (printed += t), err: (t) => (printed += t) });
  expect(code, printed).toBe(0);
  expect(JSON.parse(printed).sha256).toBe(before.sha);
  await clearStorage(page);

  // Picked through "Import telemetry": recognised as a session, stored, opened in the Chaos lab.
  await page.locator('#import-input').setInputFiles(file);
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Chaos lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Service crash on .+, 10h \+ 30m$/ })).toBeVisible();
  const after = await runAndRead(page);
  expect(after.sha).toBe(before.sha);
  expect(after.row).toBe(before.row);
  await expect(page.getByTestId('dataset-fingerprint')).toHaveAttribute('data-fingerprint', cliFingerprint);
  await shot(page, 'session-after-import');
});

test('a session without its data asks for the dataset by name and SHA-256, then opens; a share link opens it too', async ({ page }, info) => {
  const before = await crashRun(page);
  const file = info.outputPath('referenced.faultline');
  await exportSession(page, false, file);
  await page.getByTestId('session-share').click();
  await expect(page.getByTestId('session-link')).toHaveValue(/#\/session\/[A-Za-z0-9_-]+$/);
  const link = await page.getByTestId('session-link').inputValue();
  await clearStorage(page);

  await dropPaths(page, [file]); // dropped on the window: opened as a session, not refused as unknown telemetry
  await idle(page);
  const notice = page.getByTestId('session-notice');
  await expect(notice).toContainText(/This session needs the dataset service-metrics\.csv \(SHA-256 [0-9a-f]{12}…\); import that file, then open the session again\./);
  await shot(page, 'session-missing-dataset');
  await page.emulateMedia({ colorScheme: 'light' });
  await shot(page, 'session-missing-dataset-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await notice.getByTestId('session-dataset-input').setInputFiles(DEMO_METRICS);
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Chaos lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Service crash on .+, 10h \+ 30m$/ })).toBeVisible();
  expect((await runAndRead(page)).sha).toBe(before.sha);

  // The share link (the dataset is stored now) opens the same session.
  await page.goto(link);
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Chaos lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Service crash on .+, 10h \+ 30m$/ })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('session-export').click();
  await page.getByTestId('session-redact').check();
  await expect(page.getByTestId('session-embed')).toBeChecked();
  await expect(page.getByText('the SHA-256 in the file is of the redacted data')).toBeVisible();
  await shot(page, 'session-link-opened-light');
});

test('a hostile session file is refused with a readable message naming where; nothing in it becomes markup', async ({ page }, info) => {
  await openEmpty(page);
  const future = info.outputPath('future.faultline');
  writeFileSync(future, gzipSync(JSON.stringify({ format: 'faultline-session', version: 2, scenario: {}, dataset: { name: '<img src=x onerror=alert(1)>' } })));
  await page.locator('#import-input').setInputFiles(future);
  await idle(page);
  const notice = page.getByTestId('session-notice');
  await expect(notice).toContainText('This session was made by a newer Faultline (version 2); this one reads version 1');
  const hostile = info.outputPath('hostile.faultline');
  const session = { format: 'faultline-session', version: 1, created: '', scenario: { version: 1, name: '<script>alert(1)</script>', seed: 'x' }, view: { params: {} }, dataset: { name: 'a', fingerprint: '0'.repeat(64) }, redacted: false };
  writeFileSync(hostile, gzipSync(JSON.stringify(session)));
  await page.locator('#import-input').setInputFiles(hostile);
  await idle(page);
  await expect(notice).toContainText('The session is not valid');
  await expect(notice).toContainText('(at scenario.seed)');
  expect(await page.locator('script:not([src]), img[src="x"]').count()).toBe(0);
  await shot(page, 'session-hostile');
  await expect(page.getByRole('heading', { name: 'No telemetry yet' })).toBeVisible();
});
