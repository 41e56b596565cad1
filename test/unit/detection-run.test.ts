// runDetection end to end over stand-in detectors: modes and voting reach the flags, incidents and
// suppression and health are filled, parameters are validated with readable errors, progress and
// cancellation work, and the cache re-runs only the detector whose parameters changed.

import { beforeAll, describe, expect, it } from 'vitest';
import { DetectorRunCache } from '../../src/analysis/detectors/run-cache';
import { runDetection } from '../../src/analysis/detectors/run';
import { SERIES_DETECTORS } from '../../src/analysis/detectors/registry';
import { resolveParams } from '../../src/analysis/detectors/types';
import { DEFAULT_DETECTION, detectorsOf, isCancelled, validateDetection, type DetectionConfig } from '../../src/analysis/detectors/run-types';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import { distanceDetector, quietMultiDetector, seriesWith } from './detection-run-helpers';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** zscore and iqr flag beyond 10, ewma beyond 30, iforest/lof beyond 20. */
function registry() {
  return {
    series: [
      distanceDetector('zscore'),
      distanceDetector('iqr'),
      distanceDetector('ewma', 'statistical', 30),
      distanceDetector('iforest', 'ml', 20),
      distanceDetector('lof', 'ml', 20),
    ],
    multi: [quietMultiDetector()],
  };
}

const config = (over: Partial<DetectionConfig> = {}): DetectionConfig => ({ ...DEFAULT_DETECTION, ...over });
// Point 10: 15 (zscore, iqr flag); point 20: 25 (+ ML flag); point 30: 100 (all flag).
const spikes = { 10: 15, 20: 25, 30: 100 };

describe('modes and voting', () => {
  it('statistical majority flags where 2 of zscore/iqr/ewma agree', async () => {
    const { report, points } = await runDetection([seriesWith('a', 40, spikes)], config(), kernels, { registry: registry() });
    expect(report.detectors).toEqual(['zscore', 'iqr', 'ewma']);
    expect([...points[0].flag.keys()].filter((i) => points[0].flag[i])).toEqual([10, 20, 30]);
    expect(report.incidents.map((x) => x.detectors)).toEqual([['zscore', 'iqr'], ['zscore', 'iqr'], ['zscore', 'iqr', 'ewma']]);
    expect(report.series[0]).toMatchObject({ flagged: 3, incidents: 3, suppressed: 0, detectorFlags: { zscore: 3, iqr: 3, ewma: 1 } });
  });

  it('consensus needs all three; hybrid needs the ML confirmation; single runs one detector', async () => {
    const flagged = async (c: DetectionConfig) => {
      const { points } = await runDetection([seriesWith('a', 40, spikes)], c, kernels, { registry: registry() });
      return [...points[0].flag.keys()].filter((i) => points[0].flag[i]);
    };
    expect(await flagged(config({ voting: 'consensus' }))).toEqual([30]);
    expect(await flagged(config({ mode: 'hybrid' }))).toEqual([20, 30]);
    expect(await flagged(config({ mode: 'single', detectors: ['ewma'] }))).toEqual([30]);
    expect(await flagged(config({ mode: 'ml' }))).toEqual([20, 30]);
    expect(await flagged(config({ voting: 'weighted', weights: { ewma: 5 } }))).toEqual([30]);
  });

  it('severity per point and per incident; incidents suppressed by min duration keep their reason', async () => {
    const c = config({ suppression: { cooldownMs: 0, minDurationMs: 1, maintenance: [] } });
    const { report, points } = await runDetection([seriesWith('a', 40, spikes)], c, kernels, { registry: registry() });
    expect(points[0].severity[30]).toBe(4); // 90 past center at threshold 10..30: CRITICAL
    expect(points[0].severity[0]).toBe(0);
    expect(report.incidents.every((x) => x.suppressed === 'min-duration')).toBe(true);
    expect(report.series[0]).toMatchObject({ incidents: 0, suppressed: 3 });
    expect(report.health.overall).toBe(100); // suppressed incidents cost nothing
  });

  it('health groups by service label and explains its deductions', async () => {
    const series = [seriesWith('latency', 40, spikes, { service: 'api' }), seriesWith('latency', 40, {}, { service: 'db' })];
    const { report } = await runDetection(series, config(), kernels, { registry: registry(), seriesIndices: [4, 7] });
    expect(report.series.map((s) => s.seriesIndex)).toEqual([4, 7]);
    const api = report.health.components.find((x) => x.name === 'api');
    expect(api?.series).toEqual([4]);
    expect(api?.score).toBeLessThan(100);
    expect(api?.reasons.join(' ')).toMatch(/incident.* on latency/);
    expect(report.health.components.find((x) => x.name === 'db')).toMatchObject({ score: 100, series: [7] });
  });
});

describe('configuration problems are readable', () => {
  it('the default configuration is valid; a broken one lists every problem', () => {
    expect(validateDetection(DEFAULT_DETECTION)).toEqual([]);
    expect(detectorsOf(DEFAULT_DETECTION)).toEqual(['zscore', 'iqr', 'ewma']);
    expect(detectorsOf(config({ mode: 'single', detectors: ['mad', 'iqr'] }))).toEqual(['mad']);
    const problems = validateDetection({
      mode: 'single',
      detectors: ['zscore', 'nope'],
      params: { zscore: { window: '5' } },
      voting: 'majority',
      weights: { iqr: -1 },
      suppression: { cooldownMs: -5, minDurationMs: 0, maintenance: [{ start: 10, end: 5 }] },
    });
    expect(problems).toEqual([
      'unknown detector "nope" (detectors: zscore, mad, ewma, iqr, likelihood, seasonal, correlation, iforest, lof).',
      'params.zscore.window must be a number.',
      'weights.iqr must be a finite number >= 0.',
      'suppression.cooldownMs must be a finite number of ms >= 0.',
      'suppression.maintenance[0] needs numeric start < end (ms).',
    ]);
    expect(validateDetection(null)).toEqual(['The detection configuration must be an object.']);
  });

  it('an out-of-range parameter names the detector and the parameter', async () => {
    const bad = config({ params: { zscore: { threshold: -1 } } });
    await expect(runDetection([seriesWith('a', 5, {})], bad, kernels, { registry: registry() })).rejects.toThrow(/zscore: threshold must be a number between/);
  });

  it('an unknown parameter and an invalid mode are listed', async () => {
    const bad = { ...config({ params: { iqr: { windw: 3 } } }), mode: 'fast' } as unknown as DetectionConfig;
    await expect(runDetection([seriesWith('a', 5, {})], bad, kernels, { registry: registry() })).rejects.toThrow(/mode must be one of/);
    await expect(runDetection([seriesWith('a', 5, {})], config({ params: { iqr: { windw: 3 } } }), kernels, { registry: registry() })).rejects.toThrow(
      /unknown parameter 'windw'/,
    );
  });

  it('a chosen detector missing from the build is left out with a note; none available is an error', async () => {
    const reg = { series: [distanceDetector('zscore')], multi: [] };
    const { report } = await runDetection([seriesWith('a', 5, {})], config(), kernels, { registry: reg });
    expect(report.detectors).toEqual(['zscore']);
    expect(report.notes).toEqual(['detector iqr is not available in this build; it was left out', 'detector ewma is not available in this build; it was left out']);
    await expect(runDetection([seriesWith('a', 5, {})], config({ mode: 'ml' }), kernels, { registry: reg })).rejects.toThrow(/None of the chosen detectors/);
  });

  it('a multi-series detector on one series is left out with a note; on two it yields a correlation report', async () => {
    const c = config({ mode: 'single', detectors: ['correlation'] });
    await expect(runDetection([seriesWith('a', 5, {})], config({ detectors: ['zscore', 'correlation'] }), kernels, { registry: registry() })).resolves.toMatchObject({
      report: { notes: [expect.stringMatching(/correlation .* at least 2 series/)] },
    });
    const a = seriesWith('a', 20, { 3: 5, 9: 7 });
    const b = { ...seriesWith('b', 20, { 3: 10, 9: 14 }) };
    const { report } = await runDetection([a, b], c, kernels, { registry: registry() });
    expect(report.correlation?.names).toEqual(['a', 'b']);
    expect(report.correlation?.matrix[0][1]).toBeCloseTo(1, 12);
    expect(report.correlation?.groups).toEqual([[0, 1]]);
  });
});

describe('correlation report with the registered correlation detector', () => {
  it('series sampled at different instants still correlate on the common grid; a third, unrelated one does not join', async () => {
    const n = 600;
    const wave = (name: string, offsetMs: number, f: (i: number) => number) => {
      const s = seriesWith(name, n, {});
      for (let i = 0; i < n; i++) {
        s.t[i] = 1_700_000_000_000 + i * 60_000 + offsetMs;
        s.v[i] = f(i);
      }
      return s;
    };
    const a = wave('a', 0, (i) => Math.sin(i / 15));
    const b = wave('b', 700, (i) => 3 * Math.sin(i / 15) + 1); // never the same timestamp as a
    const c = wave('c', 0, (i) => ((i * 7919) % 101) / 101);
    const { report } = await runDetection([a, b, c], config({ mode: 'single', detectors: ['correlation'] }), kernels);
    expect(report.correlation?.names).toEqual(['a', 'b', 'c']);
    expect(report.correlation?.matrix[0][1]).toBeGreaterThan(0.99);
    expect(Math.abs(report.correlation?.matrix[0][2] ?? 1)).toBeLessThan(0.3);
    expect(report.correlation?.groups).toEqual([[0, 1]]);
  });

  it('carries the detector\'s per-pair breaks (dataset indices), also from a cached run', async () => {
    const n = 1500;
    const t = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
    const noise = (k: number, i: number) => (((i * 7919 + k * 104_729) % 1009) / 1009 - 0.5) * 0.2;
    const mk = (name: string, f: (i: number) => number) => {
      const s = seriesWith(name, n, {});
      s.t.set(t);
      for (let i = 0; i < n; i++) s.v[i] = f(i);
      return s;
    };
    const a = mk('a', (i) => Math.sin(i / 7) + noise(0, i));
    const b = mk('b', (i) => (i >= 1000 && i < 1100 ? Math.cos(i / 3) : 2 * Math.sin(i / 7)) + noise(1, i));
    const cache = new DetectorRunCache();
    const cfg = config({ mode: 'single', detectors: ['correlation'], params: { correlation: { window: 30 } } });
    const first = await runDetection([a, b], cfg, kernels, { cache, seriesIndices: [4, 7] });
    const pairs = first.report.correlation?.pairBreaks ?? [];
    expect(pairs.length).toBeGreaterThan(0);
    const main = pairs.find((p) => p.start >= t[1000] && p.start < t[1060]);
    expect(main).toMatchObject({ a: 4, b: 7 });
    expect(main?.baselineR).toBeGreaterThan(0.9);
    const again = await runDetection([a, b], cfg, kernels, { cache, seriesIndices: [4, 7] });
    expect(again.report.runs).toEqual({ computed: 0, reused: 1 });
    expect(again.report.correlation?.pairBreaks).toEqual(pairs);
  });
});

describe('seasonal periods', () => {
  it('a run with the seasonal detector reports each series\' dominant periods; without it, none', async () => {
    const hourly = seriesWith('wave', 2 * 1440, {});
    for (let i = 0; i < hourly.v.length; i++) {
      hourly.t[i] = 1_700_000_000_000 + i * 60_000;
      hourly.v[i] = Math.sin((2 * Math.PI * i) / 60);
    }
    const reg = { series: [distanceDetector('seasonal'), distanceDetector('zscore')], multi: [] };
    const { report } = await runDetection([hourly], config({ mode: 'single', detectors: ['seasonal'] }), kernels, { registry: reg });
    // The stand-in has no seasonal parameters: its (default two-week) prefix outlasts the series, no period used.
    expect(report.periods).toEqual([{ seriesIndex: 0, series: 'wave', periodsMs: [3_600_000], seasonalMs: null }]);
    const plain = await runDetection([hourly], config({ mode: 'single', detectors: ['zscore'] }), kernels, { registry: reg });
    expect(plain.report.periods).toBeUndefined();
  });

  it('the seasonal detector says on its series why it scored nothing (its default prefix, a quarter of 2 days, holds no cycle)', async () => {
    const hourly = seriesWith('wave', 2 * 1440, {});
    for (let i = 0; i < hourly.v.length; i++) {
      hourly.t[i] = 1_700_000_000_000 + i * 60_000;
      hourly.v[i] = Math.sin((2 * Math.PI * i) / 1440);
    }
    const { report } = await runDetection([hourly], config({ mode: 'single', detectors: ['seasonal'] }), kernels);
    expect(report.series[0].notes).toEqual([
      'seasonal scored nothing: its learning prefix, the first 12 h, shows no repeating cycle; set its period to score against one, or a longer prefix',
    ]);
    expect(report.periods?.[0].seasonalMs).toBeNull();
    const withPeriod = await runDetection([hourly], config({ mode: 'single', detectors: ['seasonal'], params: { seasonal: { periodMinutes: 1440 } } }), kernels);
    expect(withPeriod.report.series[0].notes).toEqual([]);
    expect(withPeriod.report.periods?.[0].seasonalMs).toBe(86_400_000);
  });
});

describe('progress, cancellation, caching', () => {
  it('progress counts detector runs up to the total, then combining and health', async () => {
    const seen: string[] = [];
    await runDetection([seriesWith('a', 5, {}), seriesWith('b', 5, {})], config(), kernels, {
      registry: registry(),
      onProgress: (done, total, phase) => seen.push(`${phase} ${done}/${total}`),
    });
    expect(seen).toEqual(['detecting 0/6', 'detecting 1/6', 'detecting 2/6', 'detecting 3/6', 'detecting 4/6', 'detecting 5/6', 'combining 6/6', 'health 6/6']);
  });

  it('a cancelled run rejects with the cancelled error', async () => {
    let steps = 0;
    const run = runDetection([seriesWith('a', 5, {}), seriesWith('b', 5, {})], config(), kernels, {
      registry: registry(),
      runId: 'r1',
      onProgress: () => steps++,
      isCancelled: () => steps > 2,
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(String(error)).toMatch(/r1 was cancelled/);
  });

  it('results are held without their raw statistic (nothing after the detectors reads it), also when reused', async () => {
    const s = seriesWith('a', 300, { 250: 100 });
    for (let i = 0; i < 300; i++) s.v[i] += Math.sin(i / 7);
    expect(SERIES_DETECTORS.find((d) => d.name === 'zscore')?.detect(s, resolveParams(SERIES_DETECTORS[0].params), kernels).raw).toBeInstanceOf(Float64Array);
    const cache = new DetectorRunCache();
    for (let k = 0; k < 2; k++) {
      const { perDetector, report } = await runDetection([s], config({ mode: 'statistical' }), kernels, { cache });
      expect(report.runs).toEqual(k === 0 ? { computed: 3, reused: 0 } : { computed: 0, reused: 3 });
      for (const r of Object.values(perDetector[0])) expect(r?.raw).toBeUndefined();
      expect(perDetector[0].zscore?.flag[250]).toBe(1);
    }
  });

  it('a second run with one changed parameter re-runs only that detector', async () => {
    const reg = registry();
    const cache = new DetectorRunCache();
    const series = [seriesWith('a', 40, spikes), seriesWith('b', 40, {})];
    const first = await runDetection(series, config(), kernels, { registry: reg, cache });
    expect(first.report.runs).toEqual({ computed: 6, reused: 0 });
    const calls = () => reg.series.map((d) => d.calls);
    expect(calls()).toEqual([2, 2, 2, 0, 0]);
    const second = await runDetection(series, config({ params: { iqr: { threshold: 50 } } }), kernels, { registry: reg, cache });
    expect(second.report.runs).toEqual({ computed: 2, reused: 4 });
    expect(calls()).toEqual([2, 4, 2, 0, 0]);
    // The changed iqr threshold changes the result: at point 10 only zscore flags now.
    expect(second.points[0].flag[10]).toBe(0);
    // Same config again: nothing recomputed; default params given explicitly are the same key.
    const third = await runDetection(series, config({ params: { iqr: { threshold: 50 }, zscore: { center: 0 } } }), kernels, { registry: reg, cache });
    expect(third.report.runs).toEqual({ computed: 0, reused: 6 });
    // A different series array (reloaded) is not confused with the cached one.
    const fourth = await runDetection([seriesWith('a', 40, spikes)], config(), kernels, { registry: reg, cache });
    expect(fourth.report.runs).toEqual({ computed: 3, reused: 0 });
  });
});
