// The canvases follow the device pixel ratio (browser zoom, the window moved to another monitor): Chromium's
// device scale factor changed through CDP, and the Overview's sparklines, a trace's waterfall (rows, axis,
// minimap) and a uPlot chart are sized and drawn again for the new ratio; a left view's canvases are not.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { datasetItem, idle, openEmpty, screenshotThrough } from './helpers';

/**
 * Sets the page's device pixel ratio as another monitor would (the CSS viewport unchanged), and waits for the
 * app to settle. Under CDP's device-metrics emulation, headless Chromium fires no media-query change (nor a
 * resize) until it evaluates media queries for another reason: the page's own media emulation (`colorScheme`,
 * unchanged) is applied again for that, as a real zoom or monitor change has the browser do by itself.
 */
async function setRatio(page: Page, cdp: CDPSession, ratio: number, colorScheme: 'light' | 'dark' | 'no-preference' | null): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 1360, height: 820 };
  await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: ratio, mobile: false });
  await page.emulateMedia({ colorScheme });
  await page.waitForFunction((r) => window.devicePixelRatio === r, ratio);
  await idle(page);
}

/**
 * The canvases matching `selector` whose backing store is not their CSS size times the current ratio
 * (each as 'backing w×h for css w×h at ratio'); an empty list when all are sharp. Fails on no canvas.
 */
function blurred(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((canvases: HTMLCanvasElement[]) => {
    if (!canvases.length) return ['no canvas'];
    const r = window.devicePixelRatio;
    return canvases
      .filter((c) => {
        const box = c.getBoundingClientRect();
        return Math.abs(c.width - box.width * r) > 1 || Math.abs(c.height - box.height * r) > 1;
      })
      .map((c) => `${c.className}: backing ${c.width}×${c.height} for css ${c.getBoundingClientRect().width}×${c.getBoundingClientRect().height} at ${r}`);
  });
}

/** Backing widths of the canvases matching `selector`. */
function widths(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((canvases: HTMLCanvasElement[]) => canvases.map((c) => c.width));
}

/** Per sparkline of `table`: its pixels drawn (alpha > 0). */
function sparklineDrawn(page: Page, table: string): Promise<number[]> {
  return page.locator(`${table} canvas.sparkline`).evaluateAll((canvases: HTMLCanvasElement[]) =>
    canvases.map((c) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray(0);
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
      return drawn;
    }),
  );
}

test('canvases are drawn again at a new device pixel ratio', async ({ page, colorScheme }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);

  // The metrics chart's value plot and score lane (uPlot follows the ratio itself).
  const chart = '.chart-value canvas, .chart-lane canvas';
  await expect(page.locator(chart)).toHaveCount(2);
  expect(await blurred(page, chart)).toEqual([]);
  const chartAt1 = await widths(page, chart);
  await setRatio(page, cdp, 2, colorScheme);
  await expect.poll(() => blurred(page, chart)).toEqual([]);
  expect(await widths(page, chart)).toEqual(chartAt1.map((w) => 2 * w));
  await screenshotThrough(cdp, 'dpr-00-chart-2x');
  await setRatio(page, cdp, 1, colorScheme);

  // The Overview's sparklines: 160 × 28 CSS pixels, 320 × 56 device pixels at a ratio of 2.
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await idle(page);
  const sparklines = 'table.series-table canvas.sparkline';
  expect(await widths(page, sparklines)).toEqual(Array(5).fill(160));
  expect(await blurred(page, sparklines)).toEqual([]);
  await screenshotThrough(cdp, 'dpr-01-overview-1x');
  await setRatio(page, cdp, 2, colorScheme);
  await expect.poll(() => widths(page, sparklines)).toEqual(Array(5).fill(320));
  expect(await blurred(page, sparklines)).toEqual([]);
  for (const drawn of await sparklineDrawn(page, 'table.series-table')) expect(drawn).toBeGreaterThan(400);
  await screenshotThrough(cdp, 'dpr-02-overview-2x');

  // Left at a ratio of 2, the Overview's canvases are not drawn into at a ratio of 1.
  await page.evaluate(() => {
    (window as unknown as { __left: HTMLCanvasElement[] }).__left = [...document.querySelectorAll<HTMLCanvasElement>('canvas.sparkline')];
  });
  await page.getByRole('link', { name: 'Metrics', exact: true }).click();
  await idle(page);
  await setRatio(page, cdp, 1, colorScheme);
  await expect.poll(() => widths(page, chart)).toEqual(chartAt1);
  expect(await page.evaluate(() => (window as unknown as { __left: HTMLCanvasElement[] }).__left.map((c) => c.isConnected || c.width))).toEqual(Array(5).fill(320));

  // A trace's waterfall: its rows, time axis and minimap, at 1.5 and back at 1.
  await datasetItem(page, 'service-traces.otlp.json').getByRole('link').first().click();
  await idle(page);
  await page.getByRole('link', { name: 'Traces', exact: true }).first().click();
  await idle(page);
  await page.locator('table.trace-table tbody tr').first().getByRole('link').click();
  await idle(page);
  const waterfall = 'canvas.wf-canvas, canvas.wf-axis, canvas.wf-minimap';
  await expect(page.locator(waterfall)).toHaveCount(3);
  expect(await blurred(page, waterfall)).toEqual([]);
  const waterfallAt1 = await widths(page, waterfall);
  await screenshotThrough(cdp, 'dpr-03-waterfall-1x');
  await setRatio(page, cdp, 1.5, colorScheme);
  await expect.poll(() => blurred(page, waterfall)).toEqual([]);
  expect(await widths(page, waterfall)).toEqual(waterfallAt1.map((w) => Math.round(w * 1.5)));
  await screenshotThrough(cdp, 'dpr-04-waterfall-1.5x');
  await setRatio(page, cdp, 1, colorScheme);
  await expect.poll(() => widths(page, waterfall)).toEqual(waterfallAt1);

  // The trace dataset's Overview: the services' span-rate sparklines.
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await idle(page);
  const services = 'table.services-table canvas.sparkline';
  expect(await blurred(page, services)).toEqual([]);
  await setRatio(page, cdp, 2, colorScheme);
  await expect.poll(() => blurred(page, services)).toEqual([]);
  expect(new Set(await widths(page, services))).toEqual(new Set([320]));
  await page.locator('table.services-table').scrollIntoViewIfNeeded();
  await screenshotThrough(cdp, 'dpr-05-overview-traces-2x');
  await setRatio(page, cdp, 1, colorScheme);
  expect(errors).toEqual([]);
  await cdp.detach();
});
