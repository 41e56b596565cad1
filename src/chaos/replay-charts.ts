// Replayed series beside their recorded references for the chaos lab's charts: paired by name and labels,
// put on one ascending time axis (NaN where one side has no point; duplicated or reordered points keep the last).

import type { Series } from '../model/series';

export interface ReplayChart {
  name: string;
  labels: Record<string, string>;
  unit: string;
  t: Float64Array;
  recorded: Float64Array;
  replayed: Float64Array;
}

const keyOf = (s: Pick<Series, 'name' | 'labels'>): string =>
  `${s.name}{${Object.keys(s.labels).sort().map((k) => `${k}=${s.labels[k]}`).join(',')}}`;

function align(axis: Float64Array, s: Series | undefined): Float64Array {
  const out = new Float64Array(axis.length).fill(NaN);
  if (!s) return out;
  for (let i = 0; i < s.t.length; i++) {
    // binary search: axis holds every timestamp of s
    let lo = 0;
    let hi = axis.length - 1;
    const x = s.t[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (axis[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (axis[lo] === x) out[lo] = s.v[i];
  }
  return out;
}

/** One chart per replayed series (in replay order), with the recorded series of the same name and labels. */
export function replayCharts(recorded: readonly Series[], replayed: readonly Series[]): ReplayChart[] {
  const byKey = new Map<string, Series>();
  for (const s of recorded) if (!byKey.has(keyOf(s))) byKey.set(keyOf(s), s);
  return replayed.map((s) => {
    const rec = byKey.get(keyOf(s));
    const all = new Float64Array(s.t.length + (rec?.t.length ?? 0));
    all.set(s.t);
    if (rec) all.set(rec.t, s.t.length);
    all.sort();
    let n = 0;
    for (let i = 0; i < all.length; i++) if (Number.isFinite(all[i]) && (n === 0 || all[i] !== all[n - 1])) all[n++] = all[i];
    const t = all.slice(0, n);
    return { name: s.name, labels: { ...s.labels }, unit: s.unit ?? '', t, recorded: align(t, rec), replayed: align(t, s) };
  });
}
