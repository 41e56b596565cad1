// The trace insight tabs on a real file: the OpenTelemetry demo's collector export (141 traces, 547 spans) goes
// in through the file input; the service graph shows the edges counted with jq, the operations table the span
// and error counts counted with jq, the sampling lab plausible rows and a recommendation; nothing leaves the origin.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { idle, openEmpty, sharedData, watchPrivacy } from './helpers';

const DEMO = resolve(sharedData, 'formats/otlp-json-traces/otel-demo_collector-file-exporter_traces.jsonl');
const SHOTS = process.env.E2E_SHOTS ?? resolve(process.env.E2E_RESULTS ?? 'test-results', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

/** Imports the OTel demo file and opens its Traces view at `tab`; returns the dataset's route prefix. */
async function importDemo(page: Page): Promise<string> {
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(DEMO);
  await idle(page, 120_000);
  const item = page.getByRole('list', { name: 'Stored datasets' }).getByRole('listitem').filter({ hasText: 'otel-demo_collector-file-exporter_traces.jsonl' });
  await expect(item).toContainText('141 traces · 547 spans');
  await page.goto((await item.getByRole('link').first().getAttribute('href')) ?? '');
  await idle(page);
  const id = /#\/dataset\/([^/]+)\//.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return `/#/dataset/${id}/traces`;
}

test('service graph, operations and sampling lab on the OTel demo export', async ({ page, context, baseURL }) => {
  const privacy = await watchPrivacy(context, new URL(baseURL ?? 'http://127.0.0.1').origin);
  const base = await importDemo(page);

  // Service graph: 8 services, 9 edges; the busiest edge as counted with jq (spans whose parent is in another service).
  await page.goto(`${base}?tab=graph`);
  await idle(page);
  const graph = page.getByTestId('service-graph');
  await expect(graph.locator('.sg-node')).toHaveCount(8);
  await expect(graph.locator('.sg-edge')).toHaveCount(9);
  const edges = page.locator('table.sg-edge-table tbody tr');
  await expect(edges).toHaveCount(9);
  await expect(edges.first()).toContainText('frontend-proxy');
  await expect(edges.first().locator('td').nth(0)).toHaveText('frontend');
  await expect(edges.first().locator('td').nth(1)).toHaveText('75');
  await expect(edges.first().locator('td').nth(2)).toHaveText('20');
  const checkoutEdge = page.locator('table.sg-edge-table tbody tr').filter({ has: page.getByRole('cell', { name: 'checkoutservice', exact: true }) });
  await expect(checkoutEdge.locator('td').nth(1)).toHaveText('4');
  await expect(checkoutEdge.locator('td').nth(3)).toHaveText('100.0 %');
  await expect(graph.locator('.sg-edge[data-from="frontend"][data-to="checkoutservice"]')).toHaveClass(/sg-high/);
  // The node table: frontend 197 spans, 60 errors (jq: status.code == 2).
  const frontendRow = page.locator('table.sg-node-table tbody tr').filter({ has: page.getByRole('rowheader', { name: 'frontend', exact: true }) });
  await expect(frontendRow.locator('td').nth(0)).toHaveText('197');
  await expect(frontendRow.locator('td').nth(1)).toHaveText('60');
  // Selecting a node shows its details, RED charts and a link to its operations.
  await graph.locator('.sg-node[data-service="checkoutservice"]').click();
  await idle(page);
  await expect(page.locator('.sg-details h3')).toHaveText('checkoutservice');
  await expect(page.locator('.sg-red-title')).toContainText('RED of checkoutservice');
  await expect(page.locator('.sg-red-plot')).toHaveCount(3);
  expect(page.url()).toContain('service=checkoutservice');
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.locator('table.sg-red-table tbody tr').first()).toBeVisible();
  await shot(page, 'trace-insights-graph');

  // Operations: the link from the graph filters by service; counts as jq counted them.
  await page.getByRole('link', { name: 'Operations of checkoutservice' }).click();
  await idle(page);
  const ops = page.getByTestId('operations-table');
  await expect(ops.locator('tbody tr')).toHaveCount(3);
  const placeOrder = ops.locator('tbody tr').filter({ hasText: 'oteldemo.CheckoutService/PlaceOrder' });
  await expect(placeOrder.locator('td').nth(1)).toHaveText('4');
  await expect(placeOrder.locator('td').nth(2)).toHaveText('4');
  await expect(placeOrder.locator('td').nth(3)).toHaveText('100.0 %');
  await page.getByLabel('Service', { exact: true }).selectOption('');
  await expect(ops.locator('tbody tr')).toHaveCount(34);
  await page.getByLabel('Filter operations').fill('ingress');
  await expect(ops.locator('tbody tr')).toHaveCount(1);
  await expect(ops.locator('tbody tr td').nth(1)).toHaveText('75');
  await page.getByLabel('Filter operations').fill('');
  // Sorting by errors, most first: loadgenerator POST (21 of 21 failing, jq).
  await ops.getByRole('button', { name: /^Errors/ }).click();
  await expect(ops.locator('tbody tr').first()).toContainText('loadgenerator');
  await expect(ops.locator('tbody tr').first().locator('td').nth(2)).toHaveText('21');
  await expect(ops.locator('th[aria-sort="descending"]')).toContainText('Errors');
  // Root causes: 59 failing traces, loadgenerator POST first.
  await expect(page.getByTestId('root-causes').locator('li').first()).toHaveText(/^loadgenerator POST: origin in 21 of 59 failing traces \(36 %\)/);
  const traceLink = ops.locator('tbody tr').first().getByRole('link');
  await expect(traceLink).toHaveAttribute('href', /tab=list&svc=loadgenerator&op=POST$/);
  await shot(page, 'trace-insights-operations');

  // Sampling lab: random 10 % and error-based 10 %.
  await page.goto(`${base}?tab=sampling&policies=all,random:0.1,errors:0.1`);
  await idle(page, 120_000);
  const results = page.getByTestId('sampling-results');
  await expect(results.locator('tbody tr')).toHaveCount(3);
  const all = results.locator('tr[data-policy="all"] td');
  await expect(all.nth(0)).toHaveText('100.0 % (141)');
  await expect(all.nth(3)).toContainText('100.0 % (59/59)');
  const random = results.locator('tr[data-policy="random:0.1"] td');
  const kept = Number(/\((\d+)\)/.exec((await random.nth(0).textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThan(3); // 10 % of 141: plausibly 5 to 25
  expect(kept).toBeLessThan(30);
  // Error-based keeps every one of the 59 error traces.
  await expect(results.locator('tr[data-policy="errors:0.1"] td').nth(3)).toContainText('100.0 % (59/59)');
  // The advisor recommends a policy meeting the default goals.
  const advice = page.getByTestId('advice');
  // The trace p99 is 34.5 s set by a handful of long traces: within 5 % only keeping everything will do.
  await expect(advice).toContainText('Recommended: all');
  await expect(advice).toContainText('is the only one of the');
  // 141 traces: one lies above the p99, and the advice says its judgement is fragile.
  await expect(advice).toContainText('With 141 traces recorded, only one lies above the p99');
  // Loosened to 100 %, a cheaper policy keeping every error trace is recommended.
  await page.getByLabel('Trace p99 off by at most').fill('100');
  await page.getByRole('button', { name: 'Advise' }).click();
  await idle(page);
  await expect(advice).toContainText('keeps the fewest bytes');
  await expect(advice).toContainText('100.0 % of error traces kept');
  await expect(page.locator('table.sl-candidates tr.sl-recommended')).toHaveCount(1);
  await expect(page.locator('table.sl-candidates tr.sl-recommended')).not.toHaveAttribute('data-policy', 'all');
  expect(page.url()).toContain('maxP99=100');
  // A broken tail policy is refused with a message naming the field.
  await page.getByRole('checkbox', { name: /Tail sampling/ }).check();
  await page.getByLabel('Tail sampling policy JSON').fill('{"policies":[{"name":"x","type":"latency","latency":{}}]}');
  await page.getByRole('button', { name: 'Run' }).click();
  await idle(page);
  await expect(results.locator('tr.sl-invalid')).toContainText('policies[0].latency.threshold_ms: expected a number');
  // The form writes a valid policy set.
  await page.getByRole('button', { name: 'Write JSON from the form' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await idle(page);
  await expect(results.locator('tbody tr')).toHaveCount(4);
  await expect(results.locator('tr[data-policy^="tail:"] td').nth(3)).toContainText('100.0 % (59/59)');
  expect(page.url()).toContain('tail=');
  await shot(page, 'trace-insights-sampling');

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

test('the demo traces: the shop graph, the cache as where failures start, a recommendation', async ({ page, context, baseURL }) => {
  const privacy = await watchPrivacy(context, new URL(baseURL ?? 'http://127.0.0.1').origin);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page, 120_000);
  const item = page.getByRole('list', { name: 'Stored datasets' }).getByRole('listitem').filter({ hasText: 'service-traces.otlp.json' });
  await expect(item).toContainText('traces');
  const href = (await item.getByRole('link').first().getAttribute('href')) ?? '';
  const base = href.replace(/\/[a-z]+$/, '/traces');

  // 9 services and 10 caller → callee edges; the cache's 161 error spans of 2,011 (jq: status.code == 2).
  await page.goto(`/${base}?tab=graph`);
  await idle(page);
  await expect(page.getByTestId('service-graph').locator('.sg-node')).toHaveCount(9);
  await expect(page.getByTestId('service-graph').locator('.sg-edge')).toHaveCount(10);
  const cache = page.locator('table.sg-node-table tbody tr').filter({ has: page.getByRole('rowheader', { name: 'cache', exact: true }) });
  await expect(cache.locator('td').nth(0)).toHaveText('2,011');
  await expect(cache.locator('td').nth(1)).toHaveText('161');
  // The default selection is where most failures start.
  await expect(page.locator('.sg-details h3')).toHaveText('cache');
  await shot(page, 'trace-insights-demo-graph');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('.sg-view').screenshot({ path: resolve(SHOTS, 'trace-insights-demo-graph-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });

  await page.goto(`/${base}?tab=operations`);
  await idle(page);
  await expect(page.getByTestId('root-causes').locator('li').first()).toHaveText(/^cache GET: origin in 161 of 163 failing traces \(99 %\)/);
  await shot(page, 'trace-insights-demo-operations');

  await page.goto(`/${base}?tab=sampling`);
  await idle(page, 120_000);
  await expect(page.getByTestId('sampling-results').locator('tbody tr')).toHaveCount(3);
  // Weighted by adjusted counts, a tail policy set keeping errors, slow traces and a share of the rest meets the goals.
  await expect(page.getByTestId('advice')).toContainText('Recommended: tail:errors+over');
  await shot(page, 'trace-insights-demo-sampling');
  await page.locator('.sl-results').screenshot({ path: resolve(SHOTS, 'trace-insights-demo-sampling-results.png') });
  await page.locator('.sl-advisor').screenshot({ path: resolve(SHOTS, 'trace-insights-demo-advisor.png') });

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});
