// The main user flow on the built app: empty state → import a real CSV through "Import telemetry" →
// dataset listed and charted with anomalies → reload → offline reload (service worker) → delete.
import { expect, test } from '@playwright/test';
import { NAB_FILE, NAB_NAME, datasetItem, idle, openEmpty, screenshot, storeContents } from './helpers';

test('import, chart, reload, offline reload, delete', async ({ page, context }) => {
  await openEmpty(page);
  await screenshot(page, '01-empty-state');

  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(NAB_FILE);
  await idle(page);

  const item = datasetItem(page, NAB_NAME);
  await expect(item).toBeVisible();
  await expect(item).toContainText('1 series');
  await expect(item).toContainText('4,032 points');
  await expect(item).toContainText('2014-03-07 03:41 → 03-21 03:41');

  // The metrics view draws the chart with anomaly markers and the score lane.
  await expect(page.locator('.chart-value canvas')).toHaveCount(1);
  await expect(page.locator('.chart-lane canvas')).toHaveCount(1);
  const summary = page.locator('.chart-summary');
  await expect(summary).toContainText('4,032 points');
  await expect(summary).toContainText(/\d+ anomal(y|ies)/);
  await screenshot(page, '03-chart');

  // The table view lists the flagged anomalies.
  await page.getByRole('button', { name: 'Table' }).click();
  await idle(page);
  await expect(page.locator('table.anomaly-table tbody tr').first()).toBeVisible();
  await screenshot(page, '04-chart-table');

  // Zooming re-requests the visible range only.
  await page.keyboard.press('+');
  await idle(page);
  await expect(summary).not.toContainText('4,032 points');

  await page.reload();
  await idle(page);
  await expect(datasetItem(page, NAB_NAME)).toBeVisible();
  await expect(page.locator('.chart-value canvas')).toHaveCount(1);

  // Offline: the service worker serves the shell, workers and .wasm.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByTestId('offline-status')).toHaveText('Available offline');
  await context.setOffline(true);
  await page.reload();
  await idle(page);
  await expect(datasetItem(page, NAB_NAME)).toBeVisible();
  await expect(page.locator('.chart-summary')).toContainText(/anomal/);
  await expect(page.locator('.chart-value canvas')).toHaveCount(1);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(false);

  // Delete: gone from the list and from IndexedDB.
  await page.getByRole('button', { name: `Delete ${NAB_NAME}` }).click();
  await idle(page);
  await expect(datasetItem(page, NAB_NAME)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No telemetry yet' })).toBeVisible();
  expect(await storeContents(page)).toEqual({ datasets: [], chunks: 0 });
});

test('dark and light themes follow the system, with an override', async ({ page }) => {
  await openEmpty(page);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.getByRole('button', { name: /^Theme: system/ }).click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await screenshot(page, '07-empty-light');
  await page.reload();
  await idle(page);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await screenshot(page, '08-help-light');
});
