// Ensemble voting: truth tables of majority, weighted and consensus over hand-made flags, combined
// score and agreement, and the hybrid gate (statistical vote AND ML vote).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hybrid, passes, vote, type Vote } from '../../src/analysis/detectors/ensemble';
import type { Voting } from '../../src/analysis/detectors/run-types';
import type { DetectorFamily, DetectorName } from '../../src/analysis/detectors/types';
import { seededRandom } from '../reference/synthetic-anomalies';

/** A vote whose flags are `flags` and whose scores are 0.8 where flagged, 0.2 elsewhere. */
function v(name: DetectorName, flags: number[], weight = 1, family: DetectorFamily = 'statistical'): Vote {
  return {
    name,
    family,
    weight,
    result: { flag: Uint8Array.from(flags), score: Float64Array.from(flags, (f) => (f ? 0.8 : 0.2)) },
  };
}

describe('voting truth tables (3 detectors, every combination of flags)', () => {
  // Columns: the 8 combinations of (a, b, c) flags as bits of the point index.
  const bits = (k: number) => Array.from({ length: 8 }, (_, i) => (i >> k) & 1);
  const votes = [v('zscore', bits(0)), v('iqr', bits(1)), v('ewma', bits(2))];

  it('majority: 2 or 3 of 3', () => {
    expect(Array.from(vote(votes, 'majority', 8).flag)).toEqual([0, 0, 0, 1, 0, 1, 1, 1]);
  });

  it('consensus: all 3', () => {
    expect(Array.from(vote(votes, 'consensus', 8).flag)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('weighted: zscore weight 3 outvotes iqr + ewma (1 + 1)', () => {
    const weighted = [v('zscore', bits(0), 3), v('iqr', bits(1)), v('ewma', bits(2))];
    expect(Array.from(vote(weighted, 'weighted', 8).flag)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    // The same weights are ignored by majority voting.
    expect(Array.from(vote(weighted, 'majority', 8).flag)).toEqual([0, 0, 0, 1, 0, 1, 1, 1]);
  });

  it('agreement is the flagging share of the weight; score the weighted mean', () => {
    const c = vote(votes, 'majority', 8);
    expect(Array.from(c.agreement)).toEqual([0, 1, 1, 2, 1, 2, 2, 3].map((k) => k / 3));
    expect(c.score[0]).toBeCloseTo(0.2);
    expect(c.score[3]).toBeCloseTo((0.8 + 0.8 + 0.2) / 3);
    expect(c.flaggedScore[0]).toBe(0);
    expect(c.flaggedScore[7]).toBeCloseTo(0.8);
  });
});

describe('edge cases', () => {
  it('an exact half is not a majority (2 of 4)', () => {
    expect(passes('majority', 2, 4)).toBe(false);
    expect(passes('majority', 3, 4)).toBe(true);
    expect(passes('weighted', 2.5, 5)).toBe(false);
  });

  it('no voters, or zero total weight, flags nothing', () => {
    expect(passes('consensus', 0, 0)).toBe(false);
    expect(Array.from(vote([], 'consensus', 2).flag)).toEqual([0, 0]);
    expect(Array.from(vote([v('zscore', [1, 1], 0)], 'weighted', 2).flag)).toEqual([0, 0]);
  });

  it('one voter: its own flags under every rule', () => {
    for (const rule of ['majority', 'weighted', 'consensus'] as const) {
      expect(Array.from(vote([v('mad', [0, 1, 1, 0])], rule, 4).flag)).toEqual([0, 1, 1, 0]);
    }
  });
});

describe('hybrid: statistical gate, then ML confirmation', () => {
  it('flags only where both families vote yes, unlike a plain majority', () => {
    const votes = [
      v('zscore', [1, 1, 0]),
      v('iqr', [1, 1, 0]),
      v('ewma', [1, 1, 0]),
      v('iforest', [0, 1, 1], 1, 'ml'),
      v('lof', [0, 1, 1], 1, 'ml'),
    ];
    expect(Array.from(hybrid(votes, 'majority', 3).flag)).toEqual([0, 1, 0]);
    // Plain majority over all five flags point 0 (3 of 5, all statistical) without ML confirmation.
    expect(Array.from(vote(votes, 'majority', 3).flag)).toEqual([1, 1, 0]);
  });

  it('where the gate passes but ML does not confirm, nothing is flagged', () => {
    const votes = [v('zscore', [1, 1]), v('iforest', [0, 1], 1, 'ml')];
    expect(Array.from(hybrid(votes, 'majority', 2).flag)).toEqual([0, 1]);
  });

  it('one ML detector of two confirms (majority); consensus needs both', () => {
    const votes = [v('zscore', [1, 1]), v('iqr', [1, 1]), v('iforest', [1, 1], 1, 'ml'), v('lof', [0, 1], 1, 'ml')];
    expect(Array.from(hybrid(votes, 'majority', 2).flag)).toEqual([1, 1]);
    expect(Array.from(hybrid(votes, 'consensus', 2).flag)).toEqual([0, 1]);
  });

  it('with one family only, that family decides', () => {
    expect(Array.from(hybrid([v('zscore', [1, 0]), v('iqr', [1, 0])], 'majority', 2).flag)).toEqual([1, 0]);
  });
});

describe('vote over long series', () => {
  /** The rule point by point: weighted mean score; flag by passes(); agreement; mean score of the flaggers. */
  function perPoint(votes: readonly Vote[], voting: Voting, n: number) {
    const w = votes.map((x) => (voting === 'weighted' ? x.weight : 1));
    const total = w.reduce((a, b) => a + b, 0);
    return Array.from({ length: n }, (_, i) => {
      let sum = 0;
      let fw = 0;
      let fs = 0;
      let fn = 0;
      votes.forEach((x, k) => {
        sum += w[k] * x.result.score[i];
        if (x.result.flag[i]) {
          fw += w[k];
          fs += x.result.score[i];
          fn++;
        }
      });
      return total > 0 ? [sum / total, passes(voting, fw, total) ? 1 : 0, fw / total, fn ? fs / fn : 0] : [0, 0, 0, 0];
    });
  }

  it('equals the rule applied point by point, bit for bit, across its stretches (random flags, weights 0–3)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom<Voting>('majority', 'weighted', 'consensus'),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, m, voting, seed) => {
          const rand = seededRandom(seed);
          const votes: Vote[] = Array.from({ length: m }, (_, k) => ({
            name: (['zscore', 'iqr', 'ewma', 'mad', 'seasonal'] as DetectorName[])[k],
            family: 'statistical',
            weight: Math.floor(rand() * 4),
            result: { score: Float64Array.from({ length: n }, () => rand()), flag: Uint8Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0)) },
          }));
          const got = vote(votes, voting, n);
          const want = perPoint(votes, voting, n);
          const wrong = want.findIndex(([s, f, a, fs], i) => !Object.is(got.score[i], s) || got.flag[i] !== f || !Object.is(got.agreement[i], a) || !Object.is(got.flaggedScore[i], fs));
          expect(wrong).toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
