// Reference (obviously-correct, slow) min/max-per-bucket downsampling: one linear scan, bucket by
// formula, finite min/max per bucket, empty buckets skipped.

export interface Downsampled {
  t: number[];
  min: number[];
  max: number[];
}

export function referenceDownsample(t: ArrayLike<number>, v: ArrayLike<number>, t0: number, t1: number, buckets: number): Downsampled {
  const out: Downsampled = { t: [], min: [], max: [] };
  if (buckets <= 0 || !(t1 > t0)) return out;
  const span = t1 - t0;
  const members = new Map<number, number[]>();
  for (let i = 0; i < t.length; i++) {
    if (!(t[i] >= t0 && t[i] < t1)) continue;
    const b = Math.min(Math.floor(((t[i] - t0) / span) * buckets), buckets - 1);
    if (!members.has(b)) members.set(b, []);
    members.get(b)!.push(v[i]);
  }
  for (const b of [...members.keys()].sort((a, c) => a - c)) {
    let min = Infinity;
    let max = -Infinity;
    for (const x of members.get(b)!) {
      if (!Number.isFinite(x)) continue;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    out.t.push(t0 + (b * span) / buckets);
    out.min.push(min <= max ? min : NaN);
    out.max.push(min <= max ? max : NaN);
  }
  return out;
}
