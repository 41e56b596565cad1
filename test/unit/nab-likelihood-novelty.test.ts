// The likelihood detector's pattern novelty (CAD OSE-style contexts), on the twin's ContextNovelty (the
// kernel matches it bit for bit: kernels-likelihood.test.ts): a repeated pattern stops being novel, a new
// one is, nothing is judged before the grid is fixed; with novelty on, the detector's streams equal batch.

import { describe, expect, it } from 'vitest';
import { likelihoodDetector, LIKELIHOOD_PARAMS } from '../../src/analysis/detectors/likelihood';
import { resolveParams } from '../../src/analysis/detectors/types';
import { streamScores } from '../../src/analysis/nab/run';
import { loadKernelsNode } from '../../src/kernels/node';
import { ContextNovelty } from '../reference/likelihood-context';

const kernels = await loadKernelsNode();

describe('pattern novelty', () => {
  it('0 during the warm-up; a pattern seen in it is not novel, a level beyond its range is', () => {
    const c = new ContextNovelty(8, 3, 12);
    const saw = [0, 7, 0, 7, 0, 7, 0, 7, 0, 7, 0, 7];
    expect(saw.map((x) => c.next(x))).toEqual(Array(12).fill(0));
    expect([0, 7, 0, 7].map((x) => c.next(x))).toEqual([0, 0, 0, 0]);
    // 20 is beyond the grid: every context ending in it is new (levels 1, 2 and 3 long)
    expect(c.next(20)).toBe(1);
    // 0 after 20: the 1-long context is known, the 2- and 3-long ones are not
    expect(c.next(0)).toBeCloseTo(2 / 3, 12);
    expect(c.next(7)).toBeCloseTo(1 / 3, 12);
  });

  it('a new order of known levels is partly novel, and the same order a second time is not', () => {
    const c = new ContextNovelty(4, 4, 8);
    for (const x of [0, 1, 2, 3, 0, 1, 2, 3]) c.next(x);
    // each level is known alone, but no step down was ever seen: the 2-, 3- and 4-long contexts are new
    expect([3, 2, 1, 0].map((x) => c.next(x))).toEqual([0.75, 0.75, 0.75, 0.75]);
    for (const x of [0, 1, 2, 3]) c.next(x);
    const again = [3, 2, 1, 0].map((x) => c.next(x));
    expect(again.every((v) => v === 0)).toBe(true);
  });

  it('a flat warm-up still gives a grid: a later different value is novel', () => {
    const c = new ContextNovelty(8, 2, 5);
    for (let i = 0; i < 5; i++) c.next(3);
    expect(c.next(3)).toBe(0);
    expect(c.next(4)).toBe(1);
  });

  it('with novelty on, the detector streamed in chunks equals its batch result and stays in [0, 1]', () => {
    const params = resolveParams(LIKELIHOOD_PARAMS, { novelty: 0.5, learning: 200 });
    const n = 2500;
    const t = Float64Array.from({ length: n }, (_, i) => i * 300_000);
    const v = Float64Array.from({ length: n }, (_, i) => Math.round(10 * Math.sin(i / 9)) + (i > 1800 && i < 1830 ? 6 * Math.cos(i) : 0));
    const batch = likelihoodDetector.detect({ t, v }, params, kernels).score;
    for (const x of batch) expect(x >= 0 && x <= 1).toBe(true);
    for (const chunk of [1, 13, 500]) {
      expect(streamScores({ name: 'l', label: '', stream: () => likelihoodDetector.stream(params, kernels) }, t, v, chunk)).toEqual(batch);
    }
    const plain = likelihoodDetector.detect({ t, v }, resolveParams(LIKELIHOOD_PARAMS, { learning: 200 }), kernels).score;
    expect(batch).not.toEqual(plain);
  });
});
