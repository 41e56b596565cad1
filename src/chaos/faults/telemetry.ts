// Faults on the telemetry itself, applied to the replayed series after the simulation: data corruption
// (NaN, duplicated, out-of-order and missing points) and clock skew (offset + drift on timestamps).

import type { Series } from '../../model/series';
import type { TraceSet } from '../../model/traces';
import type { Rng } from '../rng';
import { faultWindow, type ClockSkewFault, type DataCorruptionFault, type Fault } from './types';

function corrupt(s: Series, f: DataCorruptionFault, start: number, end: number, rng: Rng): Series {
  const t: number[] = [];
  const v: number[] = [];
  const rho = (f.correlationPct ?? 0) / 100;
  let last = 0;
  const draw = (): number => (last = rho * last + (1 - rho) * rng.uniform());
  const nan = (f.nanPct ?? 0) / 100;
  const dup = (f.duplicatePct ?? 0) / 100;
  const ooo = (f.outOfOrderPct ?? 0) / 100;
  const miss = (f.missingPct ?? 0) / 100;
  let swapNext = false;
  for (let i = 0; i < s.t.length; i++) {
    const x = s.t[i];
    if (x < start || x >= end || (f.probability !== undefined && !rng.chance(f.probability))) {
      t.push(x);
      v.push(s.v[i]);
      continue;
    }
    if (draw() < miss) continue;
    const value = draw() < nan ? NaN : s.v[i];
    if (swapNext && t.length) {
      // out of order: this point goes before the previous one
      t.splice(t.length - 1, 0, x);
      v.splice(v.length - 1, 0, value);
    } else {
      t.push(x);
      v.push(value);
    }
    swapNext = draw() < ooo;
    if (draw() < dup) {
      t.push(x);
      v.push(value);
    }
  }
  return { ...s, t: Float64Array.from(t), v: Float64Array.from(v) };
}

/** Skewed time of `x` under a clock-skew fault active on [start, end). */
const skew = (x: number, f: ClockSkewFault, start: number, end: number): number =>
  x >= start && x < end ? x + f.offsetMs + ((f.driftPpm ?? 0) * (x - start)) / 1e6 : x;

/** The replayed series with telemetry faults applied to the series of their target services (labels.service). */
export function applyTelemetryFaults(series: Series[], faults: readonly Fault[], replayStartMs: number, rng: Rng): Series[] {
  let out = series;
  faults.forEach((f, k) => {
    if (f.kind !== 'data-corruption' && f.kind !== 'clock-skew') return;
    const { start, end } = faultWindow(f, replayStartMs);
    const frng = rng.derive(`telemetry:${f.kind}:${f.targets.join(',')}:${f.startMs}#${k}`);
    out = out.map((s) => {
      if (!f.targets.includes(s.labels.service ?? '')) return s;
      if (f.kind === 'data-corruption') return corrupt(s, f, start, end, frng.derive(`${s.name}`));
      return { ...s, t: s.t.map((x) => skew(x, f, start, end)) };
    });
  });
  return out;
}

/** Span start times of the clock-skewed services shifted in place (µs). */
export function skewTraces(set: TraceSet, faults: readonly Fault[], replayStartMs: number): void {
  for (const f of faults) {
    if (f.kind !== 'clock-skew') continue;
    const { start, end } = faultWindow(f, replayStartMs);
    const targets = new Set(f.targets.map((name) => set.services.indexOf(name)));
    for (let i = 0; i < set.spanCount; i++) {
      if (targets.has(set.serviceIdx[i])) set.start[i] = skew(set.start[i] / 1000, f, start, end) * 1000;
    }
  }
}
