// The SLI over a span of evaluation steps, by budgeting method (OpenSLO): Occurrences = Σgood/Σtotal;
// Timeslices = good slices / slices with events; RatioTimeslices = mean of the slices' good/total.

import type { BudgetingMethod } from './definition';
import type { StepEvents } from './events';

function prefix(xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length + 1);
  for (let i = 0; i < xs.length; i++) out[i + 1] = out[i] + xs[i];
  return out;
}

export interface WindowSli {
  /** SLI over steps [from, to) (slices: those that end inside, at least the last completed one); NaN when no events. */
  sli(from: number, to: number): number;
  /** Events (Occurrences) or slices with events (timeslice methods) in [from, to), same span rule as sli. */
  count(from: number, to: number): number;
}

/**
 * `sliceSteps`: steps per time slice (timeslice methods). A slice holds steps [m·r, (m+1)·r); a slice
 * without events is left out (neither good nor bad): no data is not 100 %.
 */
export function windowSli(events: StepEvents, method: BudgetingMethod, sliceSteps: number, timeSliceTarget = 1): WindowSli {
  if (method === 'Occurrences') {
    const g = prefix(events.good);
    const t = prefix(events.total);
    return {
      sli: (from, to) => {
        const n = t[to] - t[from];
        return n > 0 ? (g[to] - g[from]) / n : NaN;
      },
      count: (from, to) => t[to] - t[from],
    };
  }
  const slices = Math.floor(events.total.length / sliceSteps);
  const withData = new Float64Array(slices);
  const score = new Float64Array(slices);
  for (let m = 0; m < slices; m++) {
    let good = 0;
    let total = 0;
    for (let k = m * sliceSteps; k < (m + 1) * sliceSteps; k++) {
      good += events.good[k];
      total += events.total[k];
    }
    if (total <= 0) continue;
    withData[m] = 1;
    const ratio = Math.min(1, good / total);
    score[m] = method === 'Timeslices' ? (ratio >= timeSliceTarget ? 1 : 0) : ratio;
  }
  const d = prefix(withData);
  const s = prefix(score);
  const range = (from: number, to: number): [number, number] => {
    const end = Math.min(slices, Math.floor(to / sliceSteps));
    const begin = Math.max(0, Math.min(Math.ceil(from / sliceSteps), end - 1));
    return [begin, Math.max(begin, end)];
  };
  return {
    sli: (from, to) => {
      const [a, b] = range(from, to);
      const n = d[b] - d[a];
      return n > 0 ? (s[b] - s[a]) / n : NaN;
    },
    count: (from, to) => {
      const [a, b] = range(from, to);
      return d[b] - d[a];
    },
  };
}
