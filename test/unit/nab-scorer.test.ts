// NAB scoring on hand-worked small files: window weights, misses, false positives past a window,
// probation, earliest detection per window, the sweep's ties, and normalisation.

import { describe, expect, it } from 'vitest';
import { MAX_TP, NAB_PROFILES, scaledSigmoid } from '../../src/analysis/nab/profiles';
import { OUTSIDE, PROBATIONARY, weighRows } from '../../src/analysis/nab/rows';
import { normalise, optimiseThreshold, prepareCorpus, scoreAtThreshold, scoreDetector } from '../../src/analysis/nab/score';
import { sweep, sweepOrder } from '../../src/analysis/nab/sweep';
import { nabTime, parseWindows, probationLength } from '../../src/analysis/nab/windows';

const [standard, lowFP, lowFN] = NAB_PROFILES;
const MINUTE = 60_000;
const T0 = Date.UTC(2020, 0, 1);

/** A 100-row file, one row a minute, with one window over rows 40..49 (width 10); probation 15 rows. */
function file(): { t: Float64Array; corpus: ReturnType<typeof prepareCorpus> } {
  const t = Float64Array.from({ length: 100 }, (_, i) => T0 + i * MINUTE);
  const corpus = prepareCorpus([{ key: 'c/f.csv', t }], new Map([['c/f.csv', [{ start: t[40], end: t[49] }]]]));
  return { t, corpus };
}

function scoreWith(detected: number[], profile = standard): number {
  const { corpus } = file();
  if (!corpus.ok) throw new Error(corpus.error);
  const scores = new Float64Array(100);
  for (const i of detected) scores[i] = 1;
  return scoreAtThreshold(corpus.value, [scores], profile, 1).score;
}

describe('scaled sigmoid', () => {
  it('matches NAB reference values', () => {
    expect(MAX_TP).toBe(0.9866142981514305);
    expect(scaledSigmoid(-0.5)).toBe(0.8482836399575131);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.9866142981514303, 15);
    expect(scaledSigmoid(3)).toBeGreaterThan(-1);
    expect(scaledSigmoid(3.0001)).toBe(-1);
  });
});

describe('per-file score (hand-worked)', () => {
  it('a detection at the first row of a window scores exactly tpWeight (1)', () => {
    for (const p of NAB_PROFILES) expect(scoreWith([40], p)).toBe(1);
  });

  it('a detection at the last row of a window earns scaledSigmoid(-1/width) / maxTP', () => {
    expect(scoreWith([49])).toBe(scaledSigmoid(-1 / 10) / MAX_TP);
  });

  it('a missed window costs the FN weight', () => {
    expect(scoreWith([])).toBe(-1);
    expect(scoreWith([], lowFN)).toBe(-2);
  });

  it('a false positive one window-width after a window costs 0.9866 × the FP weight', () => {
    // |58 - 49| / (10 - 1) = 1: one width past the window's right edge.
    const fp = scoreWith([40, 58]) - 1;
    expect(fp).toBeCloseTo(0.11 * scaledSigmoid(1), 15);
    expect(fp / 0.11).toBeCloseTo(-0.9866, 4);
    expect(scoreWith([40, 58], lowFP) - 1).toBeCloseTo(-0.9866 * 0.22, 4);
  });

  it('a false positive right after a window costs about 0, one before every window the full FP weight', () => {
    expect(scoreWith([40, 50]) - 1).toBeGreaterThan(-0.11 * 0.5);
    expect(scoreWith([40, 20]) - 1).toBeCloseTo(-0.11, 12);
    expect(scoreWith([40, 99]) - 1).toBeCloseTo(-0.11, 15); // 50 rows past: beyond 3 widths
  });

  it('only the earliest detection in a window counts; every FP row counts', () => {
    expect(scoreWith([42, 45, 47])).toBe(scaledSigmoid(-(49 - 42 + 1) / 10) / MAX_TP);
    expect(scoreWith([40, 20, 21, 22])).toBeCloseTo(1 - 3 * 0.11, 12);
  });

  it('detections in the probationary period count for nothing', () => {
    expect(probationLength(100)).toBe(15);
    expect(probationLength(10_000)).toBe(750);
    expect(scoreWith([40, 0, 5, 14])).toBe(1);
    expect(scoreWith([40, 15]) - 1).toBeCloseTo(-0.11, 12);
  });
});

describe('rows and windows', () => {
  it('labels rows by window, outside and probation; window bounds by first occurrence of a timestamp', () => {
    const t = Float64Array.from([0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], (x) => T0 + x * MINUTE);
    const w = weighRows(t, [{ start: t[3], end: t[6] }], 'x');
    if (!w.ok) throw new Error(w.error);
    expect(Array.from(w.value.windowOf.slice(0, 9))).toEqual([PROBATIONARY, PROBATIONARY, PROBATIONARY, 0, 0, 0, 0, OUTSIDE, OUTSIDE]);
    expect(Array.from(w.value.label.slice(0, 9))).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('a window whose start is not a row timestamp is an error naming it', () => {
    const t = Float64Array.from({ length: 10 }, (_, i) => T0 + i * MINUTE);
    const w = weighRows(t, [{ start: T0 + 30_000, end: t[5] }], 'c/f.csv');
    expect(w.ok ? '' : w.error).toMatch(/c\/f\.csv: window 1 start 2020-01-01T00:00:30.000Z is not the timestamp of any row/);
  });

  it('parses combined_windows.json and refuses malformed entries', () => {
    const ok = parseWindows({ 'a/b.csv': [['2020-01-01 00:01:00.000000', '2020-01-01 00:05:00.000000']] });
    expect(ok.ok && ok.value.get('a/b.csv')).toEqual([{ start: T0 + MINUTE, end: T0 + 5 * MINUTE }]);
    expect(parseWindows({ 'a/b.csv': [['2020-01-01', 'x']] }).ok).toBe(false);
    expect(parseWindows([]).ok).toBe(false);
    expect(nabTime('2014-07-01 00:30:00')).toBe(Date.UTC(2014, 6, 1, 0, 30));
  });
});

describe('sweep, threshold and normalisation', () => {
  it('starts at 1.1 with nothing detected and records each distinct score', () => {
    const rows = { score: Float64Array.from([0.9, 0.5, 0.9, 0.1]), unit: Float64Array.from([1, 1, -1, -1]), windowOf: Int32Array.from([0, 0, -1, -1]), windows: 1 };
    const records = sweep(rows, sweepOrder(rows.score), standard);
    expect(records.map((r) => r.threshold)).toEqual([1.1, 0.9, 0.5, 0.1]);
    expect(records[0].score).toBe(-1);
    expect(records.map((r) => [r.tp, r.fp, r.fn, r.tn])).toEqual([[0, 0, 2, 2], [1, 1, 1, 1], [2, 1, 0, 1], [2, 2, 0, 0]]);
  });

  it('the corpus threshold maximises the score and ties go to the higher threshold', () => {
    const { corpus } = file();
    if (!corpus.ok) throw new Error(corpus.error);
    const scores = new Float64Array(100);
    scores[40] = 0.8; // the window's first row
    scores[45] = 0.6; // a later row of the same window: no gain, a tie
    expect(optimiseThreshold(corpus.value, [scores], standard)).toBe(0.8);
    scores[20] = 0.7; // an FP between them: 0.8 stays best
    const [std] = scoreDetector(corpus.value, [scores]);
    expect(std.threshold).toBe(0.8);
    expect(std.normalised).toBe(100);
    expect(std.meanTimeToDetectMs).toBe(0);
  });

  it('a detector that never helps stays at 1.1 and normalises to 0', () => {
    const { corpus } = file();
    if (!corpus.ok) throw new Error(corpus.error);
    const scores = new Float64Array(100).fill(0.5);
    const [std, , fn] = scoreDetector(corpus.value, [scores]);
    expect(std.threshold).toBe(1.1);
    expect(std.normalised).toBe(0);
    expect(fn.normalised).toBe(0);
    expect(normalise(1, 1, standard)).toBe(100);
    expect(normalise(0, 0, standard)).toBeNull();
  });
});
