// Imports that must leave nothing behind: a large import cancelled half-way, and a bad CSV that
// gets a clear error naming the file and the line.
import { expect, test } from '@playwright/test';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idle, openEmpty, screenshot, storeContents } from './helpers';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~80 MB of valid CSV: 4 series at one-second resolution. */
function writeLargeCsv(path: string): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const rows = 1_600_000;
  const t0 = Date.UTC(2024, 0, 1);
  writeSync(fd, 'timestamp,a,b,c,d\n');
  for (let i = 0; i < rows; i += 20_000) {
    let block = '';
    for (let j = i; j < i + 20_000; j++) {
      const t = new Date(t0 + j * 1000).toISOString();
      block += `${t},${(j % 977) * 0.5},${(j % 313) * 1.25},${j % 101},${(j * 7) % 1009}\n`;
    }
    bytes += writeSync(fd, block);
  }
  closeSync(fd);
  return bytes;
}

test('an import cancelled half-way leaves nothing stored', async ({ page }) => {
  const file = join(dir, 'large-metrics.csv');
  const bytes = writeLargeCsv(file);
  expect(bytes).toBeGreaterThan(50e6);
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(file);
  const bar = page.getByRole('progressbar', { name: 'Importing large-metrics.csv' });
  await expect(bar).toBeVisible();
  await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) >= 10);
  await screenshot(page, '02-importing');
  await expect(page.getByTestId('import-progress')).toContainText('MB/s');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await idle(page);
  await expect(page.getByRole('status')).toContainText('Import of large-metrics.csv cancelled');
  await expect(page.getByRole('status')).toContainText('Nothing was stored.');
  await expect(page.getByRole('list', { name: 'Stored datasets' })).toContainText('Nothing imported yet.');
  expect(await storeContents(page)).toEqual({ datasets: [], chunks: 0 });
  await page.reload();
  await idle(page);
  expect(await storeContents(page)).toEqual({ datasets: [], chunks: 0 });
});

test('a bad CSV gets an error naming the file and line; nothing is stored', async ({ page }) => {
  const file = join(dir, 'bad-metrics.csv');
  writeFileSync(file, 'timestamp,value\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n2024-01-01T00:02:00Z,oops\n2024-01-01T00:03:00Z,4\n');
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(file);
  await idle(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import bad-metrics.csv');
  await expect(alert).toContainText('line 4');
  await expect(alert).toContainText('nothing was stored');
  await screenshot(page, '10-error');
  await expect(page.getByRole('list', { name: 'Stored datasets' })).toContainText('Nothing imported yet.');
  expect(await storeContents(page)).toEqual({ datasets: [], chunks: 0 });
});
