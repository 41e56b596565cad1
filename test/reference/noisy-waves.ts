// Series for detection-run tests: a daily-ish wave with noise, spikes every 811 points and a level shift
// half-way, one per name (each a little noisier), deterministic from `seed`.

import type { Series } from '../../src/model/series';

export function noisyWaves(names: readonly string[], n: number, seed = 5): Series[] {
  return names.map((name, k) => {
    let s = seed + k;
    const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    const t = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
    const v = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + rnd() * (3 + k) + (i > n / 2 ? 12 : 0));
    for (let i = 300 + k * 50; i < n; i += 811) v[i] += 70;
    return { name, labels: {}, t, v };
  });
}
