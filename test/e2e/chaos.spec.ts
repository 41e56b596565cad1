// The Chaos lab on the demo: add a service-crash fault on the metrics dataset's service, set its window with
// offsets, run: the scorecard shows it detected with a time to detect; Node computes the same SHA-256 for the
// stored scenario; a second run with the same seed gives
// the same SHA-256 (and "compare two runs" says so); the scenario survives a reload; same-origin only.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import type { Scenario } from '../../src/chaos/scenario';
import { runScenario } from '../../src/chaos/scenario-run';
import { readTelemetryFile } from '../../src/cli/io';
import { loadKernelsNode } from '../../src/kernels/node';
import { idle, openEmpty, repoRoot, startAndCancel, watchPrivacy } from './helpers';

const SHOTS = process.env.CHAOS_SHOTS ?? '/tmp/h5-shots';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

test('crash fault on the demo → detected with time to detect; Node and Chromium agree on the SHA-256; same seed → same SHA-256; reload keeps the scenario', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const privacy = await watchPrivacy(context, origin);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Chaos lab', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Chaos lab' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Per-series model' })).toBeVisible();

  // Add a service crash and put it at 10h for 30m (offsets from the dataset start).
  await page.getByLabel('Fault kind to add').selectOption('service-crash');
  await page.getByRole('button', { name: 'Add fault' }).click();
  await idle(page);
  const form = page.getByRole('complementary', { name: 'Selected fault' });
  await expect(form.getByRole('heading', { name: 'Fault 1' })).toBeVisible();
  await form.getByLabel('Start', { exact: true }).fill('10h');
  await form.getByLabel('Start', { exact: true }).press('Enter');
  await form.getByLabel('Duration', { exact: true }).fill('30m');
  await form.getByLabel('Duration', { exact: true }).press('Enter');
  await form.getByLabel('Downtime', { exact: true }).fill('1800000');
  await form.getByLabel('Downtime', { exact: true }).press('Enter');
  const bar = page.getByRole('button', { name: /^Service crash on .+, 10h \+ 30m$/ });
  await expect(bar).toBeVisible();
  await shot(page, 'chaos-editor');

  // Run: the scorecard says detected, with a time to detect.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await idle(page);
  const scorecard = page.getByRole('table', { name: 'Scorecard: per fault' });
  await expect(scorecard).toBeVisible();
  const row = scorecard.getByRole('row').nth(1);
  await expect(row.getByRole('cell', { name: 'detected', exact: true })).toBeVisible();
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d+(\.\d+)? ?(ms|s|min|m|h)/);
  const sha = page.getByTestId('chaos-sha');
  await expect(sha).toHaveText(/^[0-9a-f]{64}$/);
  const first = await sha.textContent();
  await shot(page, 'chaos-results');
  await page.getByRole('region', { name: 'Replay results' }).screenshot({ path: `${SHOTS}/chaos-results-full.png` });

  // A second run cancelled straight away: it says so, Run is back, and the first run's results stay.
  await startAndCancel(page, 'main', 'Run');
  await idle(page);
  await expect(page.locator('.chaos-phase')).toHaveText('Cancelled.');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeDisabled();
  await expect(sha).toHaveText(first ?? '');

  // Node gives the same SHA-256 for the stored scenario over the same file (the CLI's path).
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('faultline');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      const all = await new Promise<{ kind: string; text: string }[]>((res, rej) => {
        const r = db.transaction('documents', 'readonly').objectStore('documents').getAll();
        r.onsuccess = () => res(r.result as { kind: string; text: string }[]);
        r.onerror = () => rej(r.error);
      });
      return all.filter((d) => d.kind === 'scenario').map((d) => d.text);
    } finally {
      db.close();
    }
  });
  expect(stored).toHaveLength(1);
  const parsed = await readTelemetryFile(resolve(repoRoot, 'public/demo/service-metrics.csv'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const node = await runScenario({ series: parsed.value.series, datasetName: 'service-metrics.csv' }, JSON.parse(stored[0]) as Scenario, await loadKernelsNode());
  if (typeof node === 'string') throw new Error(node);
  expect(node.sha256).toBe(first);

  // Same seed again: the same SHA-256, and the comparison says the replays are bit-identical.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await idle(page);
  await expect(page.getByText(/^Done:/)).toBeVisible();
  await expect(page.getByTestId('chaos-sha')).toHaveText(first ?? 'missing');
  await expect(page.getByText('Same SHA-256: the two replays are bit-identical.')).toBeVisible();

  // Reload: the scenario (fault and a new seed) is restored from the dataset's stored document.
  await page.getByLabel('Seed').fill('42');
  await page.getByLabel('Seed').press('Enter');
  await idle(page); // a pending save counts as busy
  await page.reload();
  await idle(page);
  await expect(page.getByRole('button', { name: /^Service crash on .+, 10h \+ 30m$/ })).toBeVisible();
  await expect(page.getByLabel('Seed')).toHaveValue('42');
  await shot(page, 'chaos-reloaded', true);

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

test('trace dataset: crash of payment with a breaker and fallback on checkout → payment shows the policy effect and the breaker lanes; save replay as dataset; drag and keys move a fault bar', async ({ page }) => {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: /service-traces/ }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Chaos lab', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('status').filter({ hasText: 'Call graph from the traces' })).toBeVisible();

  await page.getByLabel('Fault kind to add').selectOption('service-crash');
  await page.getByRole('button', { name: 'Add fault' }).click();
  await idle(page);
  const form = page.getByRole('complementary', { name: 'Selected fault' });
  const targets = form.getByRole('group', { name: 'Targets' });
  for (const box of await targets.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
  await targets.getByRole('checkbox', { name: 'payment', exact: true }).check();
  await form.getByLabel('Start', { exact: true }).fill('20m');
  await form.getByLabel('Start', { exact: true }).press('Enter');
  await form.getByLabel('Duration', { exact: true }).fill('15m');
  await form.getByLabel('Duration', { exact: true }).press('Enter');
  await form.getByLabel('Downtime', { exact: true }).fill('900000');
  await form.getByLabel('Downtime', { exact: true }).press('Enter');

  const edge = page.locator('details.chaos-policy[data-edge="checkout>payment"]');
  await edge.locator('summary').click();
  await edge.getByRole('checkbox', { name: 'Circuit breaker' }).check();
  await edge.getByRole('checkbox', { name: /^Fallback/ }).check();
  await expect(edge.locator('summary')).toContainText('breaker · fallback');
  await idle(page);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await idle(page);
  await expect(page.getByText(/^checkout → payment: errors seen by checkout \d+(\.\d)? % → 0 %$/)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Breaker checkout → payment' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Scorecard: per fault' }).getByRole('row').nth(1)).toContainText('payment');
  await page.getByRole('region', { name: 'Replay results' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-results');
  await page.getByRole('group', { name: 'Breaker checkout → payment' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-breaker');
  await page.getByRole('heading', { name: 'Replayed vs recorded' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-charts');
  await page.getByRole('heading', { name: 'Resilience policies (10 edges)' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-policies');
  // The replay as a derived dataset: it appears in the sidebar.
  await page.getByRole('button', { name: 'Save replay as dataset' }).click();
  await idle(page);
  await expect(page.getByText('Saved as "replay of service-traces.otlp.json, seed 1" (in the sidebar).')).toBeVisible();
  await expect(page.getByRole('link', { name: /replay of service-traces\.otlp\.json, seed 1/ }).first()).toBeVisible();

  // Dragging the bar moves the fault (snapped), and the side panel follows.
  const bar = page.getByRole('button', { name: /^Service crash on payment, 20m \+ 15m$/ });
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  if (!box) throw new Error('no fault bar');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await idle(page);
  const moved = page.getByRole('button', { name: /^Service crash on payment, .+ \+ 15m$/ });
  await expect(moved).not.toHaveAccessibleName(/, 20m \+ 15m$/);
  await expect(page.getByRole('complementary', { name: 'Selected fault' }).getByLabel('Start', { exact: true })).not.toHaveValue('20m');

  // Keyboard: Shift+→ lengthens the selected fault by one snap step (7.2 s of this one-hour dataset).
  const startText = await page.getByRole('complementary', { name: 'Selected fault' }).getByLabel('Start', { exact: true }).inputValue();
  await moved.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await idle(page);
  await expect(page.getByRole('button', { name: /^Service crash on payment, .+ \+ 15m7s$/ })).toBeFocused();
  await expect(page.getByRole('complementary', { name: 'Selected fault' }).getByLabel('Start', { exact: true })).toHaveValue(startText);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('heading', { name: 'Chaos lab' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-light');
  await page.getByRole('region', { name: 'Replay results' }).scrollIntoViewIfNeeded();
  await shot(page, 'chaos-traces-results-light');
});
