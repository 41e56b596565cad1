// NAB labels in the app: nab-mini's two CSVs and its combined_windows.json dropped together attach the
// windows to their datasets; the Anomalies view draws the window and, after a run, shows the NAB score.
import { join, resolve } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from '@playwright/test';
import { datasetItem, dropPaths, idle, openEmpty, repoRoot } from './helpers';

const mini = resolve(repoRoot, 'test/fixtures/nab-mini');
const shot = (name: string) => {
  mkdirSync('/tmp/shots', { recursive: true });
  return { path: `/tmp/shots/nab-${name}.png`, fullPage: true };
};

test('dropped CSVs and combined_windows.json: windows on the chart and a NAB score after a run', async ({ page }) => {
  await openEmpty(page);
  await dropPaths(page, [resolve(mini, 'data/spikes/one_spike.csv'), resolve(mini, 'data/quiet/flat.csv'), resolve(mini, 'combined_windows.json')]);
  await idle(page);
  // The label file is not a dataset: two datasets, and a card saying what was attached.
  await expect(datasetItem(page, 'one_spike.csv')).toBeVisible();
  await expect(datasetItem(page, 'flat.csv')).toBeVisible();
  await expect(datasetItem(page, 'combined_windows.json')).toHaveCount(0);
  const card = page.getByTestId('nab-labels-result');
  await expect(card).toContainText('NAB labels from combined_windows.json: 2 of 2 files labelled');
  await expect(card).toContainText('one_spike.csv: 1 labelled window');
  await page.screenshot(shot('drop'));

  await datasetItem(page, 'one_spike.csv').getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
  await idle(page);
  await expect(page.locator('.legend')).toContainText('NAB window');
  const panel = page.getByTestId('nab-score');
  await expect(panel).toContainText('spikes/one_spike.csv from combined_windows.json: 1 labelled window');
  await expect(panel).toContainText('Run detection (press r) to score');

  await page.getByRole('button', { name: 'Run detection' }).click();
  await idle(page);
  const rows = panel.locator('table.nab-table tbody tr');
  await expect(rows).toHaveCount(3);
  // The spike is the window's first row: caught, so the standard score is far above the null detector's 0.
  const standard = rows.filter({ hasText: 'standard' });
  await expect(standard.locator('td.nab-flag-score')).toHaveText(/^-?\d+\.\d$/);
  expect(Number(await standard.locator('td.nab-flag-score').textContent())).toBeGreaterThan(50);
  await expect(standard).toContainText('1 of 1');
  await expect(panel).toContainText('optimistic');
  await page.locator('.anomaly-chart').screenshot({ path: '/tmp/shots/nab-chart.png' });
  await page.screenshot(shot('anomalies'));
  await panel.screenshot({ path: '/tmp/shots/nab-score.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await idle(page);
  await page.locator('.anomaly-chart').screenshot({ path: '/tmp/shots/nab-chart-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });

  // The quiet file has its (empty) labels too: no window, so the raw score is shown.
  await datasetItem(page, 'flat.csv').getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
  await idle(page);
  await expect(page.getByTestId('nab-score')).toContainText('0 labelled windows');
});

test('a malformed label file is named with its problem; labels without their CSV wait for it, across a reload', async ({ page }) => {
  await openEmpty(page);
  const dir = mkdtempSync(join(tmpdir(), 'nab-bad-'));
  const bad = join(dir, 'combined_windows.json');
  writeFileSync(bad, '{"spikes/one_spike.csv": [["2020-01-01 08:20:00", "soon"]]}');
  await dropPaths(page, [bad]);
  await idle(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Could not read the NAB labels in combined_windows.json' })).toContainText('"spikes/one_spike.csv" window 1 should be');
  await page.screenshot(shot('malformed'));

  await dropPaths(page, [resolve(mini, 'combined_windows.json')]);
  await idle(page);
  const card = page.getByTestId('nab-labels-result');
  await expect(card).toContainText('0 of 2 files labelled');
  await expect(card).toContainText('No dataset for flat.csv, one_spike.csv');
  await page.screenshot(shot('pending'));
  // They wait in the store: after a reload, dropping one of the CSVs still attaches its windows.
  await page.reload();
  await idle(page);
  await dropPaths(page, [resolve(mini, 'data/spikes/one_spike.csv')]);
  await idle(page);
  await expect(page.getByTestId('nab-labels-result').last()).toContainText('one_spike.csv: 1 labelled window');
});
