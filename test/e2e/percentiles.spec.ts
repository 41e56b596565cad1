// The Percentiles view on the demo: a latency series' p50 … p99.9 lines per bucket, the summary's exact
// p99 equal to the one computed here from the demo CSV itself, the sketch within 1 %, the selection in the URL.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { datasetItem, dropPaths, idle, openEmpty, repoRoot, sharedData, watchPrivacy } from './helpers';

const SERIES = 'p99_latency_ms';
const shots = process.env.E2E_SHOTS ?? resolve(repoRoot, 'test-results/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true });
}

/** Type-7 quantile (linear between order statistics ⌊q(n−1)⌋ and the next) of the demo CSV's column. */
function csvQuantile(column: string, q: number): { value: number; count: number } {
  const [head, ...lines] = readFileSync(resolve(repoRoot, 'public/demo/service-metrics.csv'), 'utf8').trim().split('\n');
  const k = head.split(',').indexOf(column);
  expect(k).toBeGreaterThan(0);
  const x = lines.map((l) => Number(l.split(',')[k])).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return { value: lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo], count: x.length };
}

const cellValue = async (page: Page, percentile: string, column: 'exact' | 'sketch' | 'rel-error'): Promise<number> =>
  Number(await page.locator(`table.percentile-summary tr[data-percentile="${percentile}"] td.${column}`).getAttribute('data-value'));

test('percentiles of a demo latency series: lines, exact p99 from the CSV, sketch within 1 %, linkable', async ({ page, context, baseURL }) => {
  const privacy = await watchPrivacy(context, new URL(baseURL ?? 'http://127.0.0.1').origin);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await datasetItem(page, 'service-metrics.csv').getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Percentiles', exact: true }).click();
  await idle(page);

  await page.getByRole('combobox', { name: 'Source' }).selectOption({ label: SERIES });
  await idle(page);
  await expect(page.locator('.percentiles-view .view-header')).toContainText(SERIES);
  // Lines drawn: the uPlot canvas, one legend entry per percentile, auto buckets of 30 min over 3 days (at most 200 buckets).
  await expect(page.locator('.percentile-chart canvas')).toHaveCount(1);
  await expect(page.locator('.percentiles-view .legend')).toHaveText(/p50.*p90.*p99.*p99\.9/);
  await expect(page.getByRole('status').filter({ hasText: 'buckets' })).toContainText('4,320 values in 144 buckets of 30m');
  expect(page.url()).toMatch(/series=\d+/);

  // The summary's exact p99 is the type-7 p99 of the CSV column.
  const expected = csvQuantile(SERIES, 0.99);
  await expect(page.locator('table.percentile-summary tr.count-row td').first()).toHaveText('4,320');
  const exact = await cellValue(page, 'p99', 'exact');
  expect(Math.abs(exact - expected.value)).toBeLessThanOrEqual(1e-9 * expected.value);
  for (const [name, q] of [['p50', 0.5], ['p90', 0.9], ['p99.9', 0.999]] as const) {
    expect(Math.abs((await cellValue(page, name, 'exact')) - csvQuantile(SERIES, q).value)).toBeLessThanOrEqual(1e-9 * Math.abs(csvQuantile(SERIES, q).value));
  }

  // The accessible table view of the chart: one row per bucket, a column per line.
  await page.getByRole('button', { name: 'Table' }).click();
  await idle(page);
  await expect(page.locator('table.percentile-buckets tbody tr')).toHaveCount(144);
  await expect(page.locator('table.percentile-buckets thead th')).toHaveText(['Bucket start (UTC)', 'Values', 'p50', 'p90', 'p99', 'p99.9']);
  await shot(page, 'percentiles-exact');
  await page.locator('table.percentile-summary').scrollIntoViewIfNeeded();
  await shot(page, 'percentiles-summary');

  // Sketch: lines from per-bucket sketches; the merged sketch's p99 within 1 % of the CSV's exact p99.
  await page.getByRole('group', { name: 'Method' }).getByRole('button', { name: 'Sketch' }).click();
  await idle(page);
  expect(page.url()).toContain('method=sketch');
  await expect(page.locator('table.percentile-buckets caption')).toContainText('from the sketch');
  const sketch = await cellValue(page, 'p99', 'sketch');
  expect(Math.abs(sketch - expected.value) / expected.value).toBeLessThanOrEqual(0.01);
  expect(await cellValue(page, 'p99', 'rel-error')).toBeLessThanOrEqual(0.01);

  // A finer bucket, kept in the URL; a reload restores source, bucket and method.
  await page.getByRole('combobox', { name: 'Bucket width' }).selectOption('15m');
  await idle(page);
  await expect(page.getByRole('status').filter({ hasText: 'buckets' })).toContainText('in 288 buckets of 15m');
  expect(page.url()).toContain('bucket=15m');
  await page.reload();
  await idle(page);
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue(/series=\d+/);
  await expect(page.getByRole('combobox', { name: 'Bucket width' })).toHaveValue('15m');
  await expect(page.getByRole('group', { name: 'Method' }).getByRole('button', { name: 'Sketch' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.percentile-chart canvas')).toHaveCount(1);

  // Light theme.
  await page.keyboard.press('t');
  await idle(page);
  await shot(page, 'percentiles-sketch-light');

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

test('percentiles of span durations on the trace demo: every span, a service, errors only', async ({ page }) => {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  const traces = datasetItem(page, 'service-traces');
  await expect(traces).toHaveCount(1);
  await traces.getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Percentiles', exact: true }).click();
  await idle(page);
  // Without series the view starts on every span's duration.
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('spans=1');
  await expect(page.locator('.percentile-chart canvas')).toHaveCount(1);
  const all = Number(await page.locator('table.percentile-summary tr.count-row td').first().textContent().then((x) => x?.replace(/,/g, '')));
  expect(all).toBeGreaterThan(1000);

  // One service's spans, then only its errors: fewer values each time, all kept in the URL.
  const source = page.getByRole('combobox', { name: 'Source' });
  const service = await source.locator('option', { hasText: /^Service / }).first().getAttribute('value');
  await source.selectOption(service ?? '');
  await idle(page);
  const ofService = Number((await page.locator('table.percentile-summary tr.count-row td').first().textContent())?.replace(/,/g, ''));
  expect(ofService).toBeGreaterThan(0);
  expect(ofService).toBeLessThan(all);
  expect(page.url()).toContain('spans=1');
  expect(page.url()).toMatch(/service=/);
  await page.getByLabel('Errors only').check();
  await idle(page);
  expect(page.url()).toContain('errors=1');
  const status = page.getByRole('status').filter({ hasText: /values in|No span/ });
  await expect(status).toBeVisible();
  await shot(page, 'percentiles-spans');
});

test('a Prometheus scrape: a histogram through histogram_quantile, a counter offered as its rate', async ({ page }) => {
  await openEmpty(page);
  await dropPaths(page, [resolve(sharedData, 'formats/prometheus-text/prometheus_alltypes.237mfs.prom.txt')]);
  await idle(page);
  await datasetItem(page, 'prometheus_alltypes').getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Percentiles', exact: true }).click();
  await idle(page);
  const source = page.getByRole('combobox', { name: 'Source' });

  // A histogram: its _bucket series grouped; one scrape, so the cumulative counts give the quantiles.
  const histogram = source.locator('optgroup[label="Histograms"] option', { hasText: /^go_gc_heap_allocs_by_size_bytes / });
  await source.selectOption((await histogram.getAttribute('value')) ?? '');
  await idle(page);
  expect(page.url()).toContain('histogram=');
  await expect(page.locator('table.percentile-summary thead th')).toHaveText(['Quantile', 'histogram_quantile']);
  await expect(page.locator('.percentile-notes')).toContainText('One scrape only: histogram_quantile over the cumulative bucket counts');
  const p50 = Number(await page.locator('table.percentile-summary tr[data-percentile="p50"] td.exact').getAttribute('data-value'));
  expect(p50).toBeGreaterThan(0);
  await page.locator('table.percentile-summary').scrollIntoViewIfNeeded();
  await shot(page, 'percentiles-histogram');

  // A counter: no lines, a note, and its rate one click away (kept in the URL).
  const counter = source.locator('optgroup[label="Counters"] option', { hasText: /^go_gc_cycles_automatic_gc_cycles_total$/ });
  await source.selectOption((await counter.getAttribute('value')) ?? '');
  await idle(page);
  await expect(page.locator('.percentile-counter')).toContainText('is a counter');
  await expect(page.locator('.percentile-chart')).toBeHidden();
  await shot(page, 'percentiles-counter');
  await page.getByRole('button', { name: /Show percentiles of rate\(/ }).click();
  await idle(page);
  expect(page.url()).toMatch(/rate=\d+/);
  await expect(source).toHaveValue(/^rate=\d+$/);
});
