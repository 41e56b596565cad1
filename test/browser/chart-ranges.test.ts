// The chart's y ranges in real uPlot (Chromium): a series that starts with NaN (a z-score's warm-up, a
// missing first sample) still ranges over its finite values, so spikes are not cut off; a lane label
// filtered out for crowding leaves nothing behind.
import { describe, expect, it } from 'vitest';
import uPlot from 'uplot';
import { scoreLaneOptions, valuePlotOptions, type DrawState } from '../../src/ui/chart-options';

const palette = { axis: '#999', grid: '#333', line: '#8af', band: '#8af3', anomaly: '#f55', score: '#a9f', threshold: '#fc5', selection: '#fff' };
const state = (): DrawState => ({ palette, flagT: new Float64Array(0), flagV: new Float64Array(0), threshold: 4, lane: 'zscore' });
const cursor: uPlot.Cursor = { sync: { key: 'chart-ranges-test' } };

const t = Float64Array.from({ length: 500 }, (_, i) => 1_700_000_000_000 + i * 60_000);

/** A plot over `data` with the x scale set, once uPlot has committed it (it commits in a microtask). */
async function plot(opts: uPlot.Options, data: uPlot.AlignedData): Promise<uPlot> {
  const el = document.createElement('div');
  document.body.append(el);
  const u = new uPlot(opts, data, el);
  u.setScale('x', { min: t[0], max: t[t.length - 1] }); // as the chart does with each data it applies
  await new Promise((resolve) => setTimeout(resolve, 0));
  return u;
}

describe('chart y ranges', () => {
  it('the score lane spans a 27 000 σ spike though its first scores are NaN (warm-up)', async () => {
    const z = Float64Array.from(t, (_, i) => (i < 64 ? NaN : i === 300 ? 27_068 : 1.5));
    const u = await plot(scoreLaneOptions(state(), 800, 110, cursor), [t, z]);
    expect(u.scales.y.max).toBeGreaterThanOrEqual(27_068);
    expect(u.scales.y.min).toBeLessThanOrEqual(-27_068);
    // The ±threshold labels are crowded against 0's at this range: filtered out, they get no text.
    const axis = u.axes[1];
    const splits = (axis.splits as (u: uPlot) => number[])(u);
    const filtered = (axis.filter as (u: uPlot, s: number[], i: number) => (number | null)[])(u, splits, 1);
    expect(filtered).toContain(null);
    const labels = (axis.values as (u: uPlot, s: (number | null)[], i: number, space: number, incr: number) => unknown[])(u, filtered, 1, 0, 0);
    expect(labels.every((l, i) => (filtered[i] === null ? l === null : typeof l === 'string' && l !== '—'))).toBe(true);
    u.destroy();
  });

  it('the value plot spans its finite values though its first sample is missing', async () => {
    const v = Float64Array.from(t, (_, i) => (i < 3 ? NaN : 200 + (i === 400 ? 900 : 0)));
    const u = await plot(valuePlotOptions(state(), 800, 240, '', 'value', cursor, {}), [t, v, v]);
    expect(u.scales.y.max).toBeGreaterThanOrEqual(1100);
    expect(u.scales.y.min).toBeLessThanOrEqual(200);
    expect(u.scales.y.min).toBeGreaterThan(100);
    u.destroy();
  });
});
