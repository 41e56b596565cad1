// The headless monitor end to end in Node with the real kernels and the registered z-score detector:
// steady traffic on two routes, then a burst of 5xx and slow requests on one of them.

import { beforeAll, describe, expect, it } from 'vitest';
import { singleDetection, type DetectionConfig } from '../../src/analysis/detectors/run-types';
import { createMonitor, type Monitor } from '../../src/analysis/monitor';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const T0 = 1_700_000_000_000;
const detection: DetectionConfig = singleDetection('zscore', { window: 20 });

/** A monitor on a fake clock; `traffic(from, to, burst)` records 10 requests per 10 s bucket per route. */
function setup(tags = false) {
  let clock = T0;
  const monitor: Monitor = createMonitor({ kernels, detection, now: () => clock, componentTag: tags ? 'service' : undefined });
  const traffic = (fromBucket: number, toBucket: number, burst = false) => {
    for (let b = fromBucket; b < toBucket; b++) {
      for (let r = 0; r < 10; r++) {
        clock = T0 + b * 10_000 + r * 1000;
        const jitter = ((b * 31 + r * 17) % 11) - 5;
        monitor.recordRequest('GET', '/api/cart', burst && r < 6 ? 503 : 200, burst ? 900 + jitter : 50 + jitter, { service: 'cart' });
        monitor.recordRequest('post', '/api/login', 200, 30 + jitter, { service: 'auth' });
      }
    }
  };
  return { monitor, traffic };
}

describe('monitor', () => {
  it('steady traffic: every component healthy, no incidents', async () => {
    const { monitor, traffic } = setup();
    traffic(0, 60);
    const h = await monitor.health();
    expect(h.overall).toBe(100);
    expect(h.components.map((c) => [c.name, c.score, c.requests, c.errors])).toEqual([
      ['GET /api/cart', 100, 600, 0],
      ['POST /api/login', 100, 600, 0],
    ]);
    expect(h.components[0].meanLatencyMs).toBeCloseTo(50, 0);
    expect(h.incidents).toEqual([]);
  });

  it('a burst of 5xx and slow requests on one route lowers that component and the overall, with reasons', async () => {
    const { monitor, traffic } = setup();
    traffic(0, 60);
    traffic(60, 63, true);
    const h = await monitor.health();
    const cart = h.components.find((c) => c.name === 'GET /api/cart');
    const login = h.components.find((c) => c.name === 'POST /api/login');
    expect(login?.score).toBe(100);
    expect(h.components[0].name).toBe('GET /api/cart'); // least healthy first
    expect(cart?.recentErrorRate).toBeCloseTo(18 / 60); // 3 burst buckets of the 6 recent, 6 of 10 failed
    // Incidents on latency and on the error rate (an error series weighs 1.5×, incidents capped at 70),
    // then the recent error rate.
    expect(cart?.reasons).toEqual([
      '-30: 1 CRITICAL incident on latency_ms',
      '-40: 1 CRITICAL incident on error_rate (error series, ×1.5; capped at 70 for incidents)',
      '-50: 30.0% of requests failed',
    ]);
    expect(cart?.score).toBe(0);
    expect(h.overall).toBeLessThan(100);
    expect(h.reasons[0]).toBe(`lowest component GET /api/cart at ${cart?.score}`);
    const latencyIncident = h.incidents.find((x) => x.series === 'latency_ms');
    expect(latencyIncident?.start).toBe(T0 + 60 * 10_000);
    expect(latencyIncident?.detectors).toEqual(['zscore']);
  });

  it('a tag can name the component instead of the route', async () => {
    const { monitor, traffic } = setup(true);
    traffic(0, 30);
    expect((await monitor.health()).components.map((c) => c.name)).toEqual(['auth', 'cart']);
  });

  it('old buckets fall out of the kept window', async () => {
    let clock = T0;
    const monitor = createMonitor({ kernels, detection, now: () => clock, maxBuckets: 10 });
    monitor.recordRequest('GET', '/x', 500, 10);
    clock += 20 * 10_000;
    monitor.recordRequest('GET', '/x', 200, 10);
    const [x] = (await monitor.health()).components;
    expect(x).toMatchObject({ name: 'GET /x', requests: 1, errors: 0, score: 100 });
  });

  it('bad options are refused with what to fix', () => {
    expect(() => createMonitor({ kernels, bucketMs: 0 })).toThrow(/bucketMs must be > 0/);
    expect(() => createMonitor({ kernels, detection: { ...detection, voting: 'loudest' as 'majority' } })).toThrow(/voting must be one of/);
  });
});
