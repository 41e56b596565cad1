// The trace list and waterfall: the demo's failing traces, the root cause and critical path of one, a linkable
// span selection that survives reload, and a 100 000-span trace (generated here) that opens and scrolls.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { datasetItem, idle, openEmpty, watchPrivacy } from './helpers';

const shots = process.env.E2E_SHOTS ?? resolve(process.env.E2E_RESULTS ?? 'test-results', 'screenshots');
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: resolve(shots, `${name}.png`) });
}

/** Pixels of the waterfall canvas that differ from its top-left background pixel (something was drawn). */
/** Drags across `target` from `from` to `to` of its width (at half its height), then waits for the app. */
async function dragAcross(page: Page, target: Locator, from: number, to: number): Promise<void> {
  const box = await target.boundingBox();
  expect(box).not.toBeNull();
  if (!box) return;
  await page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await idle(page);
}

async function paintedPixels(page: Page): Promise<number> {
  return page.locator('canvas.wf-canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    return n;
  });
}

const drawn = async (page: Page) => {
  const c = page.locator('canvas.wf-canvas');
  return { first: Number(await c.getAttribute('data-first')), count: Number(await c.getAttribute('data-count')) };
};

test('demo traces: errors only, a failing trace, its root cause and critical path, a linkable span', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const privacy = await watchPrivacy(context, origin);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await expect(page.locator('.chart-value canvas')).toHaveCount(1); // still lands on the metrics chart
  const item = datasetItem(page, 'service-traces.otlp.json');
  await expect(item).toContainText('traces');
  await item.getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Traces', exact: true }).first().click();
  await idle(page);
  const rows = page.locator('table.trace-table tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(page.locator('.trace-list-summary')).toContainText(/of [\d,]+ traces match/);
  await shot(page, 'traces-01-list');

  await page.getByLabel('Errors only').check();
  await idle(page);
  expect(page.url()).toContain('err=1');
  const errorCells = await page.locator('table.trace-table tbody td.error-count').allTextContents();
  expect(errorCells.length).toBeGreaterThan(0);
  expect(await rows.count()).toBe(errorCells.length); // every row listed has errors
  // Sorted by duration, longest first.
  await page.getByRole('button', { name: 'Duration' }).click();
  await idle(page);
  await expect(page.getByRole('columnheader', { name: 'Duration' })).toHaveAttribute('aria-sort', 'descending');
  await shot(page, 'traces-02-errors');

  await rows.first().getByRole('link').click();
  await idle(page);
  expect(page.url()).toMatch(/trace=[0-9a-f]{32}/);
  expect(await paintedPixels(page)).toBeGreaterThan(1000);
  const first = await drawn(page);
  expect(first.count).toBeGreaterThan(3);
  // The accessible table lists the drawn rows, the critical path and the root cause among them.
  await expect(page.locator('table.wf-table tbody tr')).toHaveCount(first.count);
  await expect(page.locator('table.wf-table tbody')).toContainText('critical path');
  await expect(page.locator('table.wf-table tbody')).toContainText('root cause');
  await expect(page.locator('.trace-cause-line')).toContainText('Root cause: cache · GET');
  await page.getByRole('button', { name: 'Show root cause' }).click();
  await idle(page);
  const panel = page.locator('.span-panel');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText('cache · GET');
  await expect(panel).toContainText('Root cause: the deepest error span without errored children');
  await expect(panel.getByRole('table', { name: 'Attributes', exact: true })).toContainText('host.name');
  await expect(panel).toContainText('cache-2');
  await expect(panel).toContainText('exception');
  const span = new URL(page.url()).hash.match(/span=(\d+)/)?.[1];
  expect(span).toBeTruthy();
  await shot(page, 'traces-03-waterfall');

  // Arrow up moves to the parent client span (a propagated error); the route follows.
  await page.locator('.wf-scroll').focus();
  await page.keyboard.press('ArrowUp');
  await idle(page);
  await expect(panel).toContainText('Propagated error');
  expect(page.url()).toContain(`span=${Number(span) - 1}`);

  // Clock skew toggle is shown as such and kept in the route; the selection survives a reload.
  await page.getByRole('button', { name: 'Clock-skew adjustment' }).click();
  await idle(page);
  await expect(page.getByRole('button', { name: 'Clock-skew adjustment' })).toHaveAttribute('aria-pressed', 'true');
  expect(page.url()).toContain('skew=1');
  await page.reload();
  await idle(page);
  await expect(panel).toContainText('Propagated error');
  await expect(page.getByRole('button', { name: 'Clock-skew adjustment' })).toHaveAttribute('aria-pressed', 'true');

  // A trace whose inventory server span was lost: its orphan hangs under a "missing parent" placeholder.
  const open = async (traceId: string, extra = '') => {
    const hash = new URL(page.url()).hash.replace(/trace=[0-9a-f]+/, `trace=${traceId}`).replace(/&span=\d+/, '').replace(/&skew=1/, '') + extra;
    await page.evaluate((h) => (location.hash = h), hash);
    await idle(page);
  };
  await open('c134b11a1bbd15e2e7671cc8978459de');
  await expect(page.locator('.trace-facts')).toContainText('1 missing parent');
  await expect(page.locator('table.wf-table tbody')).toContainText('missing parent 56bb066665899b99');
  // A trace whose bank clock runs behind: shown as recorded, then shifted and flagged with the toggle.
  await open('86e0e716ab662f06fabdb87d13324922');
  await expect(page.locator('table.wf-table tbody')).not.toContainText('clock skew adjusted');
  await page.getByRole('button', { name: 'Clock-skew adjustment' }).click();
  await idle(page);
  await expect(page.locator('.trace-facts')).toContainText('1 span shifted for clock skew');
  await expect(page.locator('table.wf-table tbody')).toContainText('clock skew adjusted');
  await shot(page, 'traces-04-skew');

  // Dragging across the time axis zooms in; the button resets it.
  await dragAcross(page, page.locator('canvas.wf-axis'), 0.5, 0.7);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await shot(page, 'traces-04-zoomed');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await idle(page);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeHidden();
  // The minimap above the axis zooms the same way (drag), and double-click shows the whole trace.
  const minimap = page.getByRole('img', { name: 'Overview of the whole trace' });
  await dragAcross(page, minimap, 0.6, 0.9);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await shot(page, 'traces-04-minimap-zoomed');
  await minimap.dblclick();
  await idle(page);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeHidden();

  // Find in trace: the root's service matches; Enter selects a match and the route keeps the text.
  const rootService = ((await page.locator('.trace-facts').textContent()) ?? '').split(' · ')[0];
  expect(rootService.length).toBeGreaterThan(0);
  const findBox = page.getByRole('searchbox', { name: 'Find in trace' });
  const findCount = page.locator('.trace-find-count');
  await findBox.fill(rootService);
  await expect(findCount).toHaveText(/^\d+ match(es)?$/);
  await expect(page.locator('table.wf-table tbody')).toContainText('matches find');
  await findBox.press('Enter');
  await idle(page);
  await expect(findCount).toHaveText(/^\d+ of \d+$/);
  await expect(panel.getByRole('heading', { level: 3 })).toContainText(rootService);
  expect(decodeURIComponent(page.url())).toContain(`find=${rootService}`);
  await shot(page, 'traces-05-find');
  await findBox.fill('no.such.key=1');
  await expect(findCount).toHaveText('no match');
  await findBox.press('Escape');
  await expect(findCount).toHaveText('');
  await expect(page.locator('table.wf-table tbody')).not.toContainText('matches find');
  expect(page.url()).not.toContain('find=');

  // Light theme: the same waterfall is drawn with the light palette.
  await page.emulateMedia({ colorScheme: 'light' });
  await idle(page);
  await shot(page, 'traces-04-light');
  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

/** One trace of `n` spans: a tree (each span's parent a third of its index back), children inside parents. */
function bigTrace(n: number): string {
  const t0 = BigInt(Date.UTC(2026, 2, 3, 12)) * 1_000_000n;
  const spans: string[] = [];
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  start[0] = 0;
  end[0] = 10_000_000; // 10 s in µs
  for (let i = 1; i < n; i++) {
    const p = Math.floor((i - 1) / 3);
    const span = end[p] - start[p];
    const k = (i - 1) % 3;
    start[i] = start[p] + (span * k) / 3 + span * 0.01;
    end[i] = start[i] + span * 0.3;
  }
  const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
  for (let i = 0; i < n; i++) {
    const parent = i ? `,"parentSpanId":"${id(Math.floor((i - 1) / 3))}"` : '';
    const s = t0 + BigInt(Math.round(start[i] * 1000));
    const e = t0 + BigInt(Math.round(end[i] * 1000));
    spans.push(`{"traceId":"0123456789abcdef0123456789abcdef","spanId":"${id(i)}"${parent},"name":"op-${i % 7}","kind":2,"startTimeUnixNano":"${s}","endTimeUnixNano":"${e}"${i === n - 1 ? ',"status":{"code":2}' : ''}}`);
  }
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"big"}}]},"scopeSpans":[{"spans":[${spans.join(',')}]}]}]}`;
}

test('a 100 000-span trace opens and scrolls', async ({ page }) => {
  const file = resolve(tmpdir(), `faultline-100k-${process.pid}.json`);
  writeFileSync(file, bigTrace(100_000));
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  await openEmpty(page);
  await page.getByLabel('Import telemetry', { exact: true }).setInputFiles(file);
  await idle(page, 120_000);
  await page.getByRole('link', { name: 'Traces', exact: true }).first().click();
  await idle(page);
  await expect(page.locator('table.trace-table tbody tr')).toHaveCount(1);
  await page.locator('table.trace-table tbody tr').first().getByRole('link').click();
  await idle(page, 120_000);
  await expect(page.locator('.trace-facts')).toContainText('100,000 spans');
  const before = await drawn(page);
  expect(before.first).toBe(0);
  expect(before.count).toBeGreaterThan(5);
  expect(before.count).toBeLessThan(200); // only the rows in view are drawn
  expect(await paintedPixels(page)).toBeGreaterThan(1000);
  await page.locator('.wf-scroll').evaluate((el) => (el.scrollTop = 1_000_000));
  // The scroll event comes with the next frame, so the app can look idle before it schedules the redraw.
  await expect.poll(async () => (await drawn(page)).first).toBeGreaterThan(40_000);
  await idle(page);
  const after = await drawn(page);
  expect(after.first).toBeGreaterThan(40_000);
  expect(await paintedPixels(page)).toBeGreaterThan(1000);
  await expect(page.locator('table.wf-table tbody tr').first()).toHaveAttribute('data-row', String(after.first));
  // A click at the top of the minimap scrolls back to the first rows.
  await page.getByRole('img', { name: 'Overview of the whole trace' }).click({ position: { x: 600, y: 2 } });
  await expect.poll(async () => (await drawn(page)).first).toBeLessThan(100);
  await idle(page);
  // Zoom the time axis with the keys (+ zooms in around the view), then back to the whole trace.
  await page.locator('.wf-scroll').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  await idle(page);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  expect(await paintedPixels(page)).toBeGreaterThan(1000);
  await page.keyboard.press('0');
  await idle(page);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeHidden();
  // End jumps to the last row (the error span); the selection follows.
  await page.locator('.wf-scroll').focus();
  await page.keyboard.press('End');
  await idle(page);
  expect(page.url()).toContain('span=99999');
  await shot(page, 'traces-05-100k');
  const render = logs.find((l) => l.includes('waterfall of 100000 rows'));
  console.log(render ?? 'no first-render time logged');
});
