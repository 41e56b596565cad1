// The detector pool in the built app: with Chromium told the machine has 4 cores, the analysis worker
// starts detector workers for an ensemble run on the demo, and the run shows what it shows without them
// (this machine's 2 cores leave the pool off).
import { expect, test, type Page } from '@playwright/test';
import { idle, openEmpty } from './helpers';

/** Loads the demo, runs the ensemble, and returns the run's summary, incidents and health as text. */
async function demoRun(page: Page): Promise<string[]> {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Run detection' }).click();
  await idle(page);
  const status = page.locator('.detector-panel [role=status]');
  await expect(status).toContainText(/Ran .* on 5 series/);
  const rows = await page.locator('table.incidents-table tbody tr').allInnerTexts();
  return [(await status.innerText()).trim(), ...rows, await page.getByTestId('health-overall').innerText()];
}

const detectorWorkers = (page: Page): number => page.workers().filter((w) => /detector\.worker/.test(w.url())).length;

test('with 4 cores the run uses detector workers and shows the same results as without them', async ({ browser }) => {
  const plain = await browser.newPage();
  const without = await demoRun(plain);
  expect(detectorWorkers(plain)).toBe(0);
  await plain.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 4 });
  const shared = await demoRun(page);
  expect(detectorWorkers(page)).toBe(2);
  expect(shared).toEqual(without);
  expect(without.length).toBeGreaterThan(3);
  await context.close();
});
