// Combining several detectors' per-point results into one score and flag: majority, weighted and
// consensus voting, and the hybrid mode (a statistical gate, then ML confirmation).

import type { Voting } from './run-types';
import type { DetectorFamily, DetectorName, DetectorResult } from './types';

/** One detector's say on a series. */
export interface Vote {
  name: DetectorName;
  family: DetectorFamily;
  result: DetectorResult;
  /** Weight in 'weighted' voting (>= 0); ignored by the other rules. */
  weight: number;
}

/** The combined view of a series' points. */
export interface Combined {
  /** Weighted mean of the voters' scores, in [0, 1]. */
  score: Float64Array;
  /** 1 where the vote flags the point. */
  flag: Uint8Array;
  /** Share of the voting weight (equal weights unless 'weighted') whose detector flagged the point, in [0, 1]. */
  agreement: Float64Array;
  /** Mean score of the detectors that flagged the point (0 where none did): how decisively it was flagged. */
  flaggedScore: Float64Array;
}

/**
 * Whether a point is flagged, given the weight of the detectors that flag it and the total weight:
 * majority and weighted — more than half of the (unit or given) weight; consensus — all of it.
 * No voters (or zero total weight) never flags.
 */
export function passes(voting: Voting, flaggedWeight: number, totalWeight: number): boolean {
  if (!(totalWeight > 0)) return false;
  return voting === 'consensus' ? flaggedWeight >= totalWeight : flaggedWeight > totalWeight / 2;
}

/** Points per stretch of vote(): its per-point sums stay in cache while every detector adds to them. */
const VOTE_STRETCH = 4096;

/**
 * Combines votes over n points with one voting rule: stretch by stretch, one tight loop per detector
 * adds its weighted scores (and, at the points it flags, its weight and score) into the outputs, in
 * detector order; the flag, agreement and flagged score of a point no detector flags stay at their
 * initial 0, unwritten (on 10 M points the pages of those arrays are then never touched).
 */
export function vote(votes: readonly Vote[], voting: Voting, n: number): Combined {
  const weights = votes.map((v) => (voting === 'weighted' ? v.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Combined = {
    score: new Float64Array(n),
    flag: new Uint8Array(n),
    agreement: new Float64Array(n),
    flaggedScore: new Float64Array(n),
  };
  if (!(total > 0)) return out;
  const { score: sum, agreement: flaggedW, flaggedScore: flaggedSum } = out;
  const flaggedN = new Uint16Array(VOTE_STRETCH); // detectors flagging each point of the stretch
  for (let from = 0; from < n; from += VOTE_STRETCH) {
    const to = Math.min(n, from + VOTE_STRETCH);
    flaggedN.fill(0);
    for (let k = 0; k < votes.length; k++) {
      const w = weights[k];
      const s = votes[k].result.score;
      const f = votes[k].result.flag;
      for (let i = from; i < to; i++) {
        const x = s[i];
        sum[i] += w * x;
        if (f[i]) {
          flaggedW[i] += w;
          flaggedSum[i] += x;
          flaggedN[i - from]++;
        }
      }
    }
    for (let i = from; i < to; i++) {
      sum[i] /= total;
      const c = flaggedN[i - from];
      if (c === 0) continue; // flag, agreement and flagged score stay 0 (passes() is false at weight 0)
      out.flag[i] = passes(voting, flaggedW[i], total) ? 1 : 0;
      flaggedW[i] /= total;
      flaggedSum[i] /= c;
    }
  }
  return out;
}

/**
 * Hybrid mode: the statistical detectors vote with the chosen rule (the gate); the ML detectors confirm
 * a gated point when at least one of them flags it (all of them under consensus voting). Score,
 * agreement and flagged score are the means of the two sides'. With only one family present, that
 * family's vote alone decides.
 */
export function hybrid(votes: readonly Vote[], voting: Voting, n: number): Combined {
  const gate = votes.filter((v) => v.family === 'statistical');
  const confirm = votes.filter((v) => v.family === 'ml');
  if (gate.length === 0 || confirm.length === 0) return vote(votes, voting, n);
  const g = vote(gate, voting, n);
  const c = vote(confirm, voting === 'consensus' ? 'consensus' : 'majority', n);
  for (let i = 0; i < n; i++) {
    g.flag[i] = g.flag[i] && (voting === 'consensus' ? c.flag[i] : c.agreement[i] > 0) ? 1 : 0;
    g.score[i] = (g.score[i] + c.score[i]) / 2;
    g.agreement[i] = (g.agreement[i] + c.agreement[i]) / 2;
    g.flaggedScore[i] = (g.flaggedScore[i] + c.flaggedScore[i]) / 2;
  }
  return g;
}
