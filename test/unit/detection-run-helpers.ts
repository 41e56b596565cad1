// Small stand-in detectors for orchestration tests (run.ts, monitor.ts, the engine): a point scores by
// its distance from `center` in units of `threshold`; each counts its detect() calls.

import { resolveParams, scoreOf, type Detector, type DetectorFamily, type DetectorName, type DetectorResult, type MultiSeriesDetector } from '../../src/analysis/detectors/types';
import { InProcessEngine } from '../../src/analysis/engine';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';

export interface CountingDetector extends Detector {
  calls: number;
}

/** |v - center| / threshold thresholds out: flagged beyond `threshold` from `center`. */
export function distanceDetector(name: DetectorName, family: DetectorFamily = 'statistical', threshold = 10): CountingDetector {
  const params = [
    { name: 'center', label: 'Center', default: 0, min: -1e9, max: 1e9, help: 'expected value' },
    { name: 'threshold', label: 'Threshold', default: threshold, min: 0.001, max: 1e9, help: 'distance that flags' },
  ];
  const score = (v: Float64Array, p: Record<string, number>): DetectorResult => {
    const s = Float64Array.from(v, (x) => (Number.isNaN(x) ? 0 : scoreOf(Math.abs(x - p.center), p.threshold)));
    return { score: s, flag: Uint8Array.from(s, (x) => (x > 0.5 ? 1 : 0)) };
  };
  const d: CountingDetector = {
    name,
    label: `distance (${name})`,
    family,
    params,
    calls: 0,
    detect(series, p) {
      d.calls++;
      return score(series.v, resolveParams(params, p));
    },
    stream(p) {
      return { push: (chunk) => score(chunk.v, p) };
    },
  };
  return d;
}

/** A multi-series detector that flags nothing (correlation stand-in). */
export function quietMultiDetector(): MultiSeriesDetector {
  return {
    name: 'correlation',
    label: 'quiet',
    family: 'statistical',
    params: [],
    detectMany: (series) => ({ series: series.map((s) => ({ score: new Float64Array(s.v.length), flag: new Uint8Array(s.v.length) })) }),
  };
}

/** A series of `n` points one second apart, value 0 except the given spikes. */
export function seriesWith(name: string, n: number, spikes: Record<number, number>, labels: Record<string, string> = {}): Series {
  const t = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000);
  const v = Float64Array.from({ length: n }, (_, i) => spikes[i] ?? 0);
  return { name, labels, t, v };
}

/** An engine over in-memory series of one dataset, listing which series it loaded. */
export function engineOver(kernels: Kernels, data: Series[]): { engine: InProcessEngine; loads: number[] } {
  const loads: number[] = [];
  const engine = new InProcessEngine(
    async (_id, i) => {
      loads.push(i);
      return data[i];
    },
    kernels,
    { seriesCount: async () => data.length },
  );
  return { engine, loads };
}
