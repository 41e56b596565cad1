// The seasonal detector's recurrence rule on its own: which earlier values count at a phase (earlier
// cycles only, neighbours within two bins, across the cycle's end phase-aligned) and that a flag needs
// `repeats` distinct earlier cycles.
import { describe, expect, it } from 'vitest';
import { PhaseHistory } from '../../src/analysis/detectors/seasonal-recurrence';

const BINS = 8;

/**
 * Points at t = 0, 1, … (one bin each, bin t mod 8, cycle ⌊t / 8⌋), value 0 but for `values`; only
 * the point at `query` is flagged. True when the rule clears it.
 */
function cleared(values: Record<number, number>, query: number, repeats = 2): boolean {
  const n = query + 1;
  const t = Float64Array.from({ length: n }, (_, i) => i);
  const v = Float64Array.from(t, (i) => values[i] ?? 0);
  const out = { raw: new Float64Array(n), score: new Float64Array(n), flag: new Uint8Array(n) };
  out.flag[query] = 1;
  out.score[query] = 0.9;
  new PhaseHistory(BINS, 0, 1, repeats).apply(t, v, out, 0);
  const isCleared = out.flag[query] === 0;
  expect(out.score[query]).toBe(isCleared ? 0.5 : 0.9); // a cleared flag sits on the flag line
  return isCleared;
}

describe('PhaseHistory', () => {
  it('clears a value its phase showed in two earlier cycles, not in one', () => {
    expect(cleared({ 3: 5, 11: 5, 19: 5 }, 19)).toBe(true); // bin 3 in cycles 0 and 1
    expect(cleared({ 11: 5, 19: 5 }, 19)).toBe(false);
    expect(cleared({ 11: 5, 19: 5 }, 19, 1)).toBe(true);
    expect(cleared({ 3: 5, 11: 5, 19: 5 }, 19, 0)).toBe(false); // 0 keeps every flag
  });

  it('counts neighbours within two bins, and several alike values in one cycle once', () => {
    expect(cleared({ 1: 5, 13: 5, 19: 5 }, 19)).toBe(true); // bin 1 of cycle 0, bin 5 of cycle 1
    expect(cleared({ 0: 5, 14: 5, 19: 5 }, 19)).toBe(false); // bins 0 and 6: three away
    expect(cleared({ 9: 5, 10: 5, 11: 5, 12: 5, 19: 5 }, 19)).toBe(false); // all in cycle 1
  });

  it('never counts the current cycle: a long excursion stays flagged', () => {
    expect(cleared({ 16: 5, 17: 5, 18: 5, 19: 5 }, 19)).toBe(false);
  });

  it('across the cycle end, the bins just before bin 0 are the same excursion, earlier cycles there count', () => {
    expect(cleared({ 23: 5, 15: 5, 24: 5 }, 24)).toBe(false); // bin 7 of cycle 2 is just before; cycle 1 is one
    expect(cleared({ 23: 5, 15: 5, 7: 5, 24: 5 }, 24)).toBe(true); // and cycle 0 is a second
  });
});
