// Pairs' departures from their correlation baselines in plain TypeScript: the baseline as first written
// (EWMA sums divided by their weight; the reference the kernel is tested against) and a twin of the
// kernel's algorithm (bias-corrected level and spread updated in place) for the benchmark.
import { CLIP, fisherZ, MEAN_ABS_TO_SIGMA, pairBaselineConstants } from '../../src/kernels/pair-baseline';
import type { PairBaselineOptions, PairExcessFn } from '../../src/kernels/pearson-types';
import { twinPearson } from './pearson';

/** Deviation (σ) and baseline z per bin of the rolling correlations r, with the EWMAs kept as raw sums. */
export function referenceDeviation(r: ArrayLike<number>, o: PairBaselineOptions): { dev: Float64Array; baseZ: Float64Array } {
  const { alpha, floor, warm, minZ } = pairBaselineConstants(o);
  const n = r.length;
  const z = Float64Array.from({ length: n }, (_, i) => fisherZ(r[i]));
  const dev = new Float64Array(n);
  const baseZ = new Float64Array(n);
  const sigmaOf = (spread: number, weight: number) => (weight > 0 ? Math.max(floor, (MEAN_ABS_TO_SIGMA * spread) / weight) : floor);
  let sum = 0, spread = 0, weight = 0, folded = 0;
  for (let i = 0; i < n; i++) {
    const j = i - o.window;
    if (j >= 0 && Number.isFinite(z[j])) {
      const base = weight > 0 ? sum / weight : z[j];
      const sigma = sigmaOf(spread, weight);
      const d = Math.max(-CLIP * sigma, Math.min(CLIP * sigma, z[j] - base));
      const ordinary = folded < warm || Math.abs(z[j] - base) <= o.threshold * sigma;
      if (weight > 0 && ordinary) spread = (1 - alpha) * spread + alpha * Math.abs(z[j] - base);
      sum = (1 - alpha) * sum + alpha * (base + d);
      weight = (1 - alpha) * weight + alpha;
      folded++;
    }
    const zb = sum / weight;
    baseZ[i] = folded >= warm ? zb : NaN;
    dev[i] = folded >= warm && Math.abs(zb) >= minZ && Number.isFinite(z[i]) ? Math.abs(z[i] - zb) / sigmaOf(spread, weight) : 0;
  }
  return { dev, baseZ };
}

/** Scratch of the twin (r and Fisher z of one pair), grown on demand. */
let rScratch = new Float64Array(0);
let zScratch = new Float64Array(0);

/**
 * The kernel's algorithm in plain TypeScript, one pair after the other over the whole columns:
 * twinPearson, Fisher z, then the baseline recurrence with the level and spread kept bias-corrected.
 */
export function twinPairDeviations(columns: readonly Float64Array[], o: PairBaselineOptions, deviation: readonly Float64Array[], onExcess: PairExcessFn): void {
  const { alpha, floor, warm, minZ } = pairBaselineConstants(o);
  const n = columns[0]?.length ?? 0;
  for (let k = 0; k < columns.length; k++) deviation[k].fill(0, 0, n);
  if (rScratch.length < n) [rScratch, zScratch] = [new Float64Array(n), new Float64Array(n)];
  const r = rScratch;
  const z = zScratch;
  const keep = 1 - alpha;
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) {
      twinPearson(columns[a], columns[b], o.window, r);
      for (let i = 0; i < n; i++) z[i] = fisherZ(r[i]);
      const da = deviation[a];
      const db = deviation[b];
      // Level, spread, weight, finite z folded; the gain and factors of the last fold.
      let m = 0, q = 0, w = 0, folded = 0;
      let gain = 1, stay = 0, shrink = 0;
      for (let i = 0; i < n; i++) {
        const j = i - o.window;
        if (j >= 0 && z[j] === z[j]) {
          const zj = z[j];
          const w1 = keep * w + alpha;
          if (w1 !== w) {
            gain = alpha / w1;
            stay = 1 - gain;
            shrink = w / w1;
          }
          if (w > 0) {
            const sigma = Math.max(floor, MEAN_ABS_TO_SIGMA * q);
            const e = zj - m;
            const ae = Math.abs(e);
            if (ae <= o.threshold * sigma || folded < warm) q = stay * q + gain * ae;
            else q *= shrink;
            if (ae <= CLIP * sigma) m = stay * m + gain * zj;
            else m += gain * (e > 0 ? CLIP * sigma : -CLIP * sigma);
          } else {
            m = zj;
          }
          w = w1;
          folded++;
        }
        if (folded < warm || !(Math.abs(m) >= minZ) || z[i] !== z[i]) continue;
        const dev = Math.abs(z[i] - m) / Math.max(floor, MEAN_ABS_TO_SIGMA * q);
        if (dev > da[i]) da[i] = dev;
        if (dev > db[i]) db[i] = dev;
        if (dev > o.threshold) onExcess(a, b, i, dev, r[i], m);
      }
    }
  }
}
