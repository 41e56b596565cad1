// Severity and confidence rules (severity.ts) at their boundaries: magnitude in thresholds, the
// one-level drop under weak agreement, confidence = agreement × flagged score; per-point grading.

import { describe, expect, it } from 'vitest';
import type { Combined } from '../../src/analysis/detectors/ensemble';
import { grade, gradePoints, magnitudeOf } from '../../src/analysis/detectors/severity';
import { scoreOf } from '../../src/analysis/detectors/types';

/** The score a detector gives at `m` thresholds out (types.ts scoreOf). */
const at = (m: number): number => scoreOf(m, 1);

describe('magnitude', () => {
  it('inverts the common squashing rule', () => {
    for (const m of [0.5, 1, 2.5, 7]) expect(magnitudeOf(scoreOf(3 * m, 3))).toBeCloseTo(m, 12);
    expect(magnitudeOf(0)).toBe(0);
    expect(magnitudeOf(1)).toBe(Infinity);
  });
});

describe('severity from magnitude', () => {
  it.each([
    [1.01, 'LOW'],
    [1.49, 'LOW'],
    [1.5, 'MEDIUM'],
    [2.49, 'MEDIUM'],
    [2.5, 'HIGH'],
    [3.99, 'HIGH'],
    [4, 'CRITICAL'],
    [1000, 'CRITICAL'],
  ])('%s thresholds out, all agreeing: %s', (m, severity) => {
    expect(grade(at(m), 1, 3).severity).toBe(severity);
  });

  it('weak agreement (< 2/3 of the weight, several voters) drops one level, never below LOW', () => {
    expect(grade(at(5), 0.5, 3).severity).toBe('HIGH');
    expect(grade(at(3), 0.5, 3).severity).toBe('MEDIUM');
    expect(grade(at(1.2), 0.5, 3).severity).toBe('LOW');
    expect(grade(at(5), 2 / 3, 3).severity).toBe('CRITICAL');
  });

  it('a single detector is never "weak agreement"', () => {
    expect(grade(at(5), 1, 1).severity).toBe('CRITICAL');
  });
});

describe('confidence', () => {
  it('is agreement × flagged score, in [0, 1]', () => {
    expect(grade(0.5, 1, 1).confidence).toBe(0.5); // one detector exactly at its threshold
    expect(grade(1, 1, 4).confidence).toBe(1);
    expect(grade(0.9, 0.5, 4).confidence).toBeCloseTo(0.45);
    expect(grade(0.9, 1.5, 4).confidence).toBeCloseTo(0.9); // agreement clamped
  });

  it('more agreement at the same score is more confident', () => {
    expect(grade(0.8, 1, 3).confidence).toBeGreaterThan(grade(0.8, 2 / 3, 3).confidence);
  });
});

describe('gradePoints', () => {
  it('codes 0 and confidence 0 where not flagged; 1..4 where flagged', () => {
    const c: Combined = {
      flag: Uint8Array.from([0, 1, 1, 1]),
      score: Float64Array.from([0.9, 0.6, 0.8, 0.95]),
      agreement: Float64Array.from([1, 1, 1, 1]),
      flaggedScore: Float64Array.from([0.9, at(1.2), at(3), at(10)]),
    };
    const g = gradePoints(c, 2);
    expect(Array.from(g.severity)).toEqual([0, 1, 3, 4]);
    expect(g.confidence[0]).toBe(0);
    expect(g.confidence[3]).toBeCloseTo(at(10));
  });
});
