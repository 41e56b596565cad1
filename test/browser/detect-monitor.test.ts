// The headless monitor in the browser (main thread, real .wasm instantiated asynchronously): the same
// library code as in Node sees a 5xx burst on one route and explains the lowered health.

import { expect, it } from 'vitest';
import wasmUrl from '../../build/kernels.wasm?url';
import { singleDetection } from '../../src/analysis/detectors/run-types';
import { compileKernels, createMonitor, instantiateKernelsAsync } from '../../src/lib';

it('createMonitor in Chromium: a burst of 5xx on one route lowers that component, with the reason', async () => {
  const kernels = await instantiateKernelsAsync(await compileKernels(wasmUrl));
  let clock = 1_700_000_000_000;
  const monitor = createMonitor({ kernels, now: () => clock, detection: singleDetection('zscore', { window: 20 }) });
  for (let bucket = 0; bucket < 40; bucket++) {
    for (let r = 0; r < 10; r++) {
      clock = 1_700_000_000_000 + bucket * 10_000 + r * 1000;
      const burst = bucket >= 37;
      monitor.recordRequest('GET', '/api/cart', burst && r < 5 ? 502 : 200, 40 + (r % 3));
      monitor.recordRequest('GET', '/api/search', 200, 25 + (r % 4));
    }
  }
  const health = await monitor.health();
  const cart = health.components.find((c) => c.name === 'GET /api/cart');
  expect(cart?.recentErrorRate).toBeCloseTo(15 / 60);
  expect(cart?.reasons).toContain('-50: 25.0% of requests failed');
  expect(health.components.find((c) => c.name === 'GET /api/search')?.score).toBe(100);
  expect(health.overall).toBeLessThan(100);
});
