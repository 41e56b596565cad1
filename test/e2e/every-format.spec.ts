// One real file of every kind Faultline reads, dropped together through Chromium's own drag path: CSV,
// Prometheus text, OpenMetrics, Prometheus API JSON, OTLP metrics, OTLP traces, Jaeger, Zipkin and a gzip
// file. All import; the results and the dataset manager name each detected format (the gzip one "(gzip)").
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { datasetItem, dropPaths, idle, managerRow, openEmpty, repoRoot, screenshot, storeContents } from './helpers';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-every-format-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (p: string): Buffer => readFileSync(join(repoRoot, 'test/fixtures', p));

/** name dropped, bytes, format shown, [series, points] and for trace files [traces, spans] (counted by hand in the unit tests). */
const files: [string, Buffer, string, [number, number], [number, number] | null][] = [
  ['nab_ec2_cpu_utilization_24ae8d.csv', fixture('csv/nab_ec2_cpu_utilization_24ae8d.csv'), 'CSV', [1, 4032], null],
  ['metrics-test.prom', fixture('prometheus/prometheus_promtool_metrics-test.prom'), 'Prometheus text', [27, 27], null],
  ['tsdb-dump.om.txt', fixture('openmetrics/prometheus_promtool_dump-openmetrics-roundtrip.om.txt'), 'OpenMetrics', [7, 14], null],
  ['query_range_up.json', fixture('prometheus-api/prometheus-docs_api_query_range_up.json'), 'Prometheus API JSON', [2, 6], null],
  ['otlp-metrics.json', fixture('otlp-metrics/opentelemetry-proto_examples_metrics.json'), 'OTLP/JSON metrics', [12, 12], null],
  ['otlp-trace.json', fixture('otlp-traces/jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json'), 'OTLP/JSON traces', [0, 0], [1, 3]],
  ['jaeger-ui_01.json', fixture('jaeger/jaeger_uimodel_ui_01_edge-cases.json'), 'Jaeger JSON', [0, 0], [1, 5]],
  ['zipkin-kafka.json', fixture('zipkin/zipkin-lens_messaging-kafka.json'), 'Zipkin v2 JSON', [0, 0], [1, 28]],
  ['spans.bin', gzipSync(fixture('otlp-traces/opentelemetry-proto_examples_trace.json')), 'OTLP/JSON traces (gzip)', [0, 0], [1, 1]],
];

test('one file of each format dropped together: all import, each listed with its detected format', async ({ page }) => {
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  await openEmpty(page);
  await dropPaths(page, files.map(([name]) => join(dir, name)));
  await idle(page, 120_000);

  const results = page.getByTestId('import-results');
  await expect(results).toContainText(`${files.length} of ${files.length} files imported`);
  await expect(results.locator('[data-result=imported]')).toHaveCount(files.length);
  for (const [name, , format] of files) {
    await expect(results.locator('[data-result=imported]').filter({ hasText: name }).locator('.result-detail')).toContainText(`${format} · `);
  }
  // The sidebar names the compressed file's format the same way.
  await expect(datasetItem(page, 'spans.bin')).toContainText('OTLP/JSON traces (gzip)');
  await screenshot(page, '18-every-format-results');

  await page.goto('/#/datasets');
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Dataset manager' })).toBeVisible();
  await expect(page.locator('tr.dataset-row')).toHaveCount(files.length);
  for (const [name, , format, [series, points], traces] of files) {
    const row = managerRow(page, name);
    await expect(row.locator('.format-badge')).toHaveText(format);
    const cells = row.locator('td.num');
    // Columns: series, points, traces, spans, services, error spans, bytes stored.
    await expect(cells.nth(0)).toHaveText(series.toLocaleString('en-US'));
    await expect(cells.nth(1)).toHaveText(points.toLocaleString('en-US'));
    await expect(cells.nth(2)).toHaveText(traces ? String(traces[0]) : '—');
    await expect(cells.nth(3)).toHaveText(traces ? String(traces[1]) : '—');
  }
  expect((await storeContents(page)).datasets.map((d) => d.name).sort()).toEqual(files.map(([name]) => name).sort());
  await screenshot(page, '19-every-format-manager');
});
