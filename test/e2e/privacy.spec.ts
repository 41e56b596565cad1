// Privacy: every request of a full session (page, workers and service worker) goes to the app's own
// origin, and the Content-Security-Policy is never violated.
import { expect, test } from '@playwright/test';
import { NAB_FILE, NAB_NAME, datasetItem, idle, openEmpty, watchPrivacy } from './helpers';

test('a full session makes only same-origin requests', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const privacy = await watchPrivacy(context, origin);
  page.on('request', (r) => privacy.urls.add(r.url()));

  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(NAB_FILE);
  await idle(page);
  await expect(datasetItem(page, NAB_NAME)).toBeVisible();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await idle(page);
  await page.getByRole('button', { name: 'Table' }).click();
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await page.keyboard.press('?');
  await page.keyboard.press('?');
  await page.reload();
  await idle(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.getByRole('button', { name: `Delete ${NAB_NAME}` }).click();
  await idle(page);

  expect(privacy.urls.size).toBeGreaterThan(5);
  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});
