// Several files per import: files from the input and from a synthetic drop, a real folder dropped
// through Chromium's own drag path (CDP Input.dispatchDragEvent with file paths, so webkitGetAsEntry
// yields real directory entries), per-file results with one bad file failing alone, Cancel all, and
// the dataset manager (format, counts, warnings, rename kept across reload, storage).
import { expect, test } from '@playwright/test';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { datasetItem, dropPaths, idle, managerRow, openEmpty, repoRoot, screenshot, storeContents } from './helpers';

let dir: string;
const T0 = Date.UTC(2024, 0, 1);
const iso = (i: number, stepS = 60): string => new Date(T0 + i * stepS * 1000).toISOString();

/** `rows` rows of ISO time and `cols` numeric columns. */
function csv(rows: number, cols: string[]): string {
  const lines = [`timestamp,${cols.join(',')}`];
  for (let i = 0; i < rows; i++) lines.push(`${iso(i)},${cols.map((_, k) => ((i * (k + 3)) % 17) + k).join(',')}`);
  return lines.join('\n') + '\n';
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-multi-'));
  writeFileSync(join(dir, 'cpu.csv'), csv(120, ['cpu_user_pct', 'cpu_system_pct']));
  writeFileSync(join(dir, 'latency.csv'), csv(90, ['p99_latency_ms']));
  writeFileSync(join(dir, 'bad.csv'), 'timestamp,value\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n2024-01-01T00:02:00Z,oops\n');
  // A folder: a nested file, a file with warnings (no time zone, one row out of order) and a hidden file.
  mkdirSync(join(dir, 'exports/prod'), { recursive: true });
  writeFileSync(join(dir, 'exports/prod/errors.csv'), csv(30, ['errors_per_s']));
  writeFileSync(join(dir, 'exports/queue.csv'), 'time,depth,lag_s,workers\n2024-01-01 00:00:00,1,2,3\n2024-01-01 00:02:00,4,5,6\n2024-01-01 00:01:00,7,8,9\n');
  writeFileSync(join(dir, 'exports/.DS_Store'), 'not telemetry');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('several files and a folder import one by one; the bad file fails alone; the manager lists them', async ({ page }) => {
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles([join(dir, 'cpu.csv'), join(dir, 'bad.csv'), join(dir, 'latency.csv')]);
  await idle(page);

  const results = page.getByTestId('import-results');
  await expect(results).toContainText('2 of 3 files imported · 1 failed');
  await expect(results.locator('[data-result=imported]')).toHaveCount(2);
  const failed = results.locator('[data-result=failed]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('bad.csv');
  await expect(failed).toContainText('line 4');
  await expect(failed).toContainText('nothing was stored');
  await expect(results.locator('[data-result=imported]').filter({ hasText: 'cpu.csv' })).toContainText('CSV · 2 series · 240 points');
  await expect(page).toHaveURL(/#\/datasets$/);
  await screenshot(page, '13-multi-results');

  // A synthetic drop of two files (DataTransfer) takes the same per-file path.
  await page.evaluate(
    ({ a, b }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([a], 'drop-a.csv', { type: 'text/csv' }));
      dt.items.add(new File([b], 'drop-b.csv', { type: 'text/csv' }));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { a: readFileSync(join(dir, 'latency.csv'), 'utf8'), b: readFileSync(join(dir, 'cpu.csv'), 'utf8') },
  );
  await idle(page);
  await expect(page.getByTestId('import-results')).toContainText('2 of 2 files imported');

  // A real folder: walked in name order, paths kept, the hidden file skipped and said so.
  await dropPaths(page, [join(dir, 'exports')]);
  await idle(page);
  const folder = page.getByTestId('import-results');
  await expect(folder).toContainText('2 of 2 files imported');
  await expect(folder.locator('.result-file')).toHaveText(['exports/prod/errors.csv', 'exports/queue.csv']);
  await expect(folder).toContainText('1 hidden file or folder was skipped');

  // The manager: every dataset with its format and counts.
  await expect(page.getByRole('heading', { name: 'Dataset manager' })).toBeVisible();
  const names = ['cpu.csv', 'latency.csv', 'drop-a.csv', 'drop-b.csv', 'exports/prod/errors.csv', 'exports/queue.csv'];
  for (const n of names) await expect(managerRow(page, n)).toContainText('CSV');
  await expect(page.locator('tr.dataset-row')).toHaveCount(6);
  await expect(managerRow(page, 'cpu.csv')).toContainText('240');
  await expect(managerRow(page, 'exports/queue.csv')).toContainText('9');
  await expect(page.getByTestId('storage-panel')).toContainText('available');
  expect((await storeContents(page)).datasets.map((d) => d.name).sort()).toEqual([...names].sort());

  // Warnings per file, expandable.
  const toggle = managerRow(page, 'exports/queue.csv').getByRole('button', { name: /2 warnings/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('tr.warnings-row:not([hidden])')).toContainText('read as UTC');
  await expect(page.locator('tr.warnings-row:not([hidden])')).toContainText('sorted by time');
  await screenshot(page, '14-dataset-manager');

  // Rename persists across a reload, in the manager and the sidebar.
  await page.getByRole('button', { name: 'Rename cpu.csv' }).click();
  await page.getByLabel('New name for cpu.csv').fill('CPU — prod fleet');
  await page.getByLabel('New name for cpu.csv').press('Enter');
  await idle(page);
  await expect(managerRow(page, 'CPU — prod fleet')).toContainText('cpu.csv');
  await page.reload();
  await idle(page);
  await expect(managerRow(page, 'CPU — prod fleet')).toContainText('240');
  await expect(datasetItem(page, 'CPU — prod fleet')).toContainText('CSV');
  await expect(datasetItem(page, 'CPU — prod fleet')).toContainText('2 series · 240 points');
  await page.getByRole('button', { name: /^Theme: system/ }).click();
  await screenshot(page, '15-dataset-manager-light');

  // Delete from the manager.
  await managerRow(page, 'drop-a.csv').getByRole('button', { name: 'Delete drop-a.csv' }).click();
  await idle(page);
  await expect(page.locator('tr.dataset-row')).toHaveCount(5);
  expect((await storeContents(page)).datasets).toHaveLength(5);
});

test('one file of each format dropped together, under meaningless names: each imports with its detected format', async ({ page }) => {
  const fixture = (p: string): Buffer => readFileSync(join(repoRoot, 'test/fixtures', p));
  const mixed = join(dir, 'mixed');
  mkdirSync(mixed, { recursive: true });
  const files: [string, Buffer, string][] = [
    ['data-1', fixture('csv/nab_ec2_cpu_utilization_24ae8d.csv'), 'CSV'],
    ['data-2', fixture('prometheus/prometheus_promtool_metrics-test.prom'), 'Prometheus text'],
    ['data-3', fixture('openmetrics/openmetrics-conformance_roundtrip.om.txt'), 'OpenMetrics'],
    ['data-4', fixture('prometheus-api/prometheus-docs_api_query_range_up.json'), 'Prometheus API JSON'],
    ['data-5', fixture('otlp-metrics/opentelemetry-proto_examples_metrics.json'), 'OTLP/JSON metrics'],
    ['data-6', gzipSync(fixture('otlp-metrics/otel-spec_file-exporter_metrics_example.jsonl')), 'OTLP/JSON metrics (gzip)'],
  ];
  for (const [name, bytes] of files) writeFileSync(join(mixed, name), bytes);
  await openEmpty(page);
  await dropPaths(page, files.map(([name]) => join(mixed, name)));
  await idle(page);
  await expect(page.getByTestId('import-results')).toContainText(`${files.length} of ${files.length} files imported`);
  await expect(page.locator('tr.dataset-row')).toHaveCount(files.length);
  for (const [name, , format] of files) await expect(managerRow(page, name).locator('.format-badge')).toHaveText(format);
  // query_range "up": two series of three samples each (counted by hand from the fixture).
  await expect(managerRow(page, 'data-4').locator('td.num').nth(0)).toHaveText('2');
  await expect(managerRow(page, 'data-4').locator('td.num').nth(1)).toHaveText('6');
  await screenshot(page, '16-mixed-formats');
  await page.getByRole('button', { name: /^Theme: system/ }).click();
  await screenshot(page, '17-mixed-formats-light');
});

/** ~`mb` MB of valid CSV (one-second rows, 3 columns). */
function writeCsv(path: string, mb: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'timestamp,a,b,c\n');
  let bytes = 0;
  for (let i = 0; bytes < mb * 1e6; i += 10_000) {
    let block = '';
    for (let j = i; j < i + 10_000; j++) block += `${new Date(T0 + j * 1000).toISOString()},${j % 977},${(j % 313) * 1.25},${j % 101}\n`;
    bytes += writeSync(fd, block);
  }
  closeSync(fd);
}

test('Cancel all stops the running import and skips the queued ones; nothing is stored', async ({ page }) => {
  const files = ['big-1.csv', 'big-2.csv', 'big-3.csv'].map((n) => join(dir, n));
  // The running file is large enough to outlast the checks and the screenshot below on a loaded
  // machine (at 40 MB one CI run imported it whole before Cancel all was pressed).
  files.forEach((f, k) => writeCsv(f, k === 0 ? 150 : 40));
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(files);
  await expect(page.getByRole('progressbar', { name: 'Importing big-1.csv' })).toBeVisible();
  await expect(page.getByTestId('import-progress')).toHaveCount(3);
  await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) >= 10);
  await expect(page.getByTestId('import-progress').first()).toContainText('MB/s');
  await expect(page.getByTestId('import-progress').nth(1)).toContainText('Queued');
  await screenshot(page, '12-multi-progress');
  await page.getByRole('button', { name: 'Cancel all' }).click();
  await idle(page);
  const results = page.getByTestId('import-results');
  await expect(results).toContainText('0 of 3 files imported · 3 cancelled');
  await expect(results.locator('[data-result=cancelled]')).toHaveCount(3);
  expect(await storeContents(page)).toEqual({ datasets: [], chunks: 0 });
  await expect(page.getByRole('list', { name: 'Stored datasets' })).toContainText('Nothing imported yet.');
});
