// The Anomalies view on the demo: an ensemble run lists the day-2 14:10 UTC incident, pressing it moves
// the chart there, the heatmap marks pairs whose correlation broke and opens them, maintenance windows are
// drawn for every series and for one, a run is cancelled, settings survive a reload, and every request of
// the session stays on the app's origin.
import { expect, test, type Page } from '@playwright/test';
import { idle, openEmpty, screenshot, startAndCancel, watchPrivacy } from './helpers';

const INCIDENT = Date.UTC(2026, 2, 3, 14, 10);

const urlRange = (page: Page): [number, number] => {
  const q = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
  return [Number(q.get('from')), Number(q.get('to'))];
};

/** Shift + drag across the chart overlay from one fraction of its width to another (draws a maintenance window). */
async function shiftDrag(page: Page, box: { x: number; y: number; width: number; height: number }, from: number, to: number): Promise<void> {
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

test('ensemble run, incident jump, maintenance window, cancel, restore, same-origin only', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const privacy = await watchPrivacy(context, origin);

  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Anomalies', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Mode' })).toHaveValue('ensemble');
  await expect(page.getByText('Run detection (press r) to find incidents.')).toBeVisible();
  // The detector list comes from the analysis worker (its registry is not in the main bundle).
  const list = page.getByRole('list', { name: 'Detectors' });
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect(list.locator('[data-detector]')).toHaveCount(9);
  await expect(list.locator('[data-detector=iqr]')).toContainText('IQR fences (rolling quartiles)'); // the registry's label

  // One ensemble run over every series.
  await page.getByRole('button', { name: 'Run detection' }).click();
  await idle(page);
  await expect(page.locator('.detector-panel [role=status]')).toContainText(/Ran .* on 5 series/);
  const rows = page.locator('table.incidents-table tbody tr');
  await expect(rows.first()).toBeVisible();
  const day2 = rows.filter({ hasText: /2026-03-03 1[34]:[0-5]\d/ }).filter({ hasText: 'p99_latency_ms' });
  await expect(day2.first()).toBeVisible();
  await expect(page.getByTestId('health-overall')).toHaveText(/^\d+$/);
  // Three days: the seasonal detector's default prefix (a quarter, 18 h) holds no daily cycle; it says so once for all five series.
  const seasonalNote = page.locator('.run-notes li', { hasText: 'seasonal scored nothing' });
  await expect(seasonalNote).toHaveCount(1);
  await expect(page.locator('.run-notes li', { hasText: 'requests_per_s: repeats every 24 h' })).toHaveCount(1); // the whole series' period
  await expect(seasonalNote).toHaveText(/^requests_per_s, p99_latency_ms, error_rate_pct, cpu_pct, memory_mb: seasonal scored nothing: its learning prefix, the first 18 h, shows no repeating cycle/);
  await expect(page.getByRole('table', { name: /Pearson correlation/ }).locator('td.heat')).toHaveCount(25);
  expect(page.url()).toContain('mode=ensemble');
  expect(page.url()).toContain('run=1');
  await screenshot(page, 'anomalies-dark');
  await page.locator('.anomalies-results').scrollIntoViewIfNeeded();
  await screenshot(page, 'anomalies-dark-results');
  await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));

  // Pairs whose correlation broke: marked cells and a list with times; a marked cell opens the pair's worst break.
  const pairBreaks = page.getByRole('list', { name: 'Pair correlation breaks' }).getByRole('listitem');
  await expect(pairBreaks.first()).toContainText(/^2026-\d\d-\d\d \d\d:\d\d.* × .*: r .* against a baseline of/);
  const brokenCells = page.getByRole('table', { name: /Pearson correlation/ }).locator('td.heat.broken');
  expect(await brokenCells.count()).toBeGreaterThanOrEqual(2); // both cells of a pair
  await expect(brokenCells.first()).toHaveAttribute('data-breaks', /^[1-9]\d*$/);
  await brokenCells.first().scrollIntoViewIfNeeded();
  await screenshot(page, 'anomalies-correlation-breaks-dark');
  const beforeBreak = urlRange(page);
  await brokenCells.first().getByRole('button').click();
  await idle(page);
  const atBreak = urlRange(page);
  expect(atBreak).not.toEqual(beforeBreak);
  expect(atBreak[1] - atBreak[0]).toBeLessThan(beforeBreak[1] - beforeBreak[0] || Infinity);
  await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));

  // Pressing the incident's start time moves the chart (and the URL range) to it.
  const before = urlRange(page);
  await day2.first().getByRole('button').click();
  await idle(page);
  const after = urlRange(page);
  expect(after).not.toEqual(before);
  expect(after[0]).toBeLessThan(INCIDENT);
  expect(after[1]).toBeGreaterThan(INCIDENT);
  expect(after[1] - after[0]).toBeLessThan(12 * 3_600_000);
  await expect(page.getByRole('combobox', { name: 'Series' })).toHaveValue('1');
  await expect(page.locator('.chart-summary')).toContainText('2026-03-03');
  await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));
  await screenshot(page, 'anomalies-incident-dark');

  // Shift + drag on the chart marks a maintenance window: listed, kept in the URL, removable.
  const over = page.locator('.chart-value .u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('chart overlay not laid out');
  await shiftDrag(page, box, 0.2, 0.35);
  await idle(page);
  await expect(page.getByRole('list', { name: 'Maintenance windows' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Maintenance windows' })).toContainText('2026-03-03');
  expect(page.url()).toContain('mw=');
  expect(urlRange(page)).toEqual(after); // drawing did not zoom
  await screenshot(page, 'anomalies-maintenance-dark');
  await expect(page.locator('.detector-panel [role=status]')).toContainText('Settings changed');

  // A second window for the series on the chart only: its scope is listed and kept in the link.
  await page.getByRole('combobox', { name: 'Maintenance windows apply to' }).selectOption('p99_latency_ms');
  await shiftDrag(page, box, 0.6, 0.7);
  await idle(page);
  const windowItems = page.getByRole('list', { name: 'Maintenance windows' }).getByRole('listitem');
  await expect(windowItems).toHaveCount(2);
  await expect(windowItems.locator('.window-scope')).toHaveText(['every series', 'p99_latency_ms']);
  expect(decodeURIComponent(page.url())).toMatch(/mw=[^&]*~p99_latency_ms/);
  await screenshot(page, 'anomalies-maintenance-series-dark');

  // A run with a changed parameter, cancelled straight away: the earlier results stay.
  await page.locator('[data-detector=zscore] summary').click();
  const zWindow = page.locator('[data-detector=zscore] .param-field input').first();
  await zWindow.fill(String(Number(await zWindow.inputValue()) + 7));
  await zWindow.press('Tab');
  await startAndCancel(page, '.detector-panel', 'Run detection');
  await idle(page);
  await expect(page.locator('.detector-panel [role=status]')).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeHidden();
  await expect(rows.first()).toBeVisible();

  // The link restores the settings and runs again.
  await page.getByRole('button', { name: /^Remove maintenance window/ }).first().click();
  await page.getByRole('button', { name: /^Remove maintenance window/ }).click();
  await page.reload();
  await idle(page);
  await expect(page.getByRole('combobox', { name: 'Mode' })).toHaveValue('ensemble');
  await expect(rows.filter({ hasText: 'p99_latency_ms' }).first()).toBeVisible();
  await page.keyboard.press('t'); // system (dark here) → light
  await idle(page);
  await screenshot(page, 'anomalies-light');

  // A parameter the detector refuses (from an edited link) comes back from the worker as a readable error.
  await page.evaluate(() => (location.hash = location.hash.replace(/[?].*$/, '?mode=single&det=zscore&p.zscore.window=1&run=1')));
  await idle(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Detection failed' })).toContainText(/window must be an integer between 2 and/);

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

test('a dataset with no series says so on the Anomalies view', async ({ page }) => {
  await openEmpty(page);
  const spans = JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'GET /', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' },
    ] }] }],
  });
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles({ name: 'trace.json', mimeType: 'application/json', buffer: Buffer.from(spans) });
  await idle(page);
  await page.keyboard.press('a');
  await idle(page);
  await expect(page.getByText('No metric series in this dataset')).toBeVisible();
});

test('a long series: the run says how far a detector is inside it, and a cancel there stops the run', async ({ page }) => {
  // 600 k points: more than two of the run's chunks (run-chunked.ts), so each detector reports inside the series.
  const rows = ['timestamp,value'];
  for (let i = 0; i < 600_000; i++) rows.push(`${1_700_000_000_000 + i * 1000},${(100 + 10 * Math.sin(i / 500) + (i % 7919 === 0 ? 80 : 0)).toFixed(3)}`);
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await idle(page);
  await page.keyboard.press('a');
  await idle(page);
  await page.getByRole('button', { name: 'Run detection' }).click();
  const status = page.locator('.detector-panel [role=status]');
  await expect(status).toContainText(/Running detectors… \d of \d+ steps · .+ on value: \d+ %/);
  await screenshot(page, 'anomalies-long-series-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Run detection' })).toBeEnabled();
});
