// Scans of per-point 0/1 flag arrays that skip the unflagged stretches four bytes at a time: flags are
// sparse, and a run's summaries count them over every point of every detector (10 M points each).

/** Calls `at(i)` for each index whose flag is not 0, in order. */
export function forEachFlag(flags: Uint8Array, at: (i: number) => void): void {
  const n = flags.length;
  let i = 0;
  if ((flags.byteOffset & 3) === 0) {
    const words = new Uint32Array(flags.buffer, flags.byteOffset, n >> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) continue;
      for (let j = w << 2; j < (w << 2) + 4; j++) if (flags[j]) at(j);
    }
    i = words.length << 2;
  }
  for (; i < n; i++) if (flags[i]) at(i);
}

/** The number of flags that are not 0. */
export function countFlags(flags: Uint8Array): number {
  let count = 0;
  forEachFlag(flags, () => count++);
  return count;
}
