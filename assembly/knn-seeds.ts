// Seeds of a k-nearest-neighbour query (kdtree-knn.ts): points from outside the query's own leaf that
// are offered together with it, so the list starts close to its final k-th distance and fewer of its
// entries are inserted only to be pushed out again. A caller that knows good candidates (lof.ts: the
// neighbours of an earlier point near the query) passes them; their leaves skip them later through a
// bitmap of the points seeded, cleared when the query ends.
import { dims, ptsPtr } from './kdtree';

/** Most seed points a query takes. */
export const MAX_SEED: i32 = 64;
/** The seed points' squared distances and positions (seedCount of them; one spare slot). */
export const SEED_D2: usize = memory.data((MAX_SEED + 2) * 8, 16);
export const SEED_POS: usize = memory.data((MAX_SEED + 2) * 4, 16);
/** How many seed points the current query has (0: none, and the bitmap is not read). */
export let seedCount: i32 = 0;
/** A bit per position, set for the current query's seed points, zero between queries. */
let seenPtr: usize = 0;

/** Bytes of the bitmap for n positions (a spare word after, for seenWindow). */
export function seenBytes(n: i32): usize {
  return (<usize>((n + 63) >>> 6) + 2) << 3;
}

/** Sets the bitmap of seeded positions: seenBytes(tree size) zeroed bytes, 8-aligned. */
export function kdSeen(ptr: usize): void {
  seenPtr = ptr;
}

/** Bit per entry of buf (n of them, n <= 64) whose squared distance is <= t. */
@inline
export function within(buf: usize, n: i32, t: f64): u64 {
  const tt = f64x2.splat(t);
  let w: u64 = 0;
  for (let at = 0; at < n; at += 2) w |= <u64>i64x2.bitmask(f64x2.le(v128.load(buf + (<usize>at << 3)), tt)) << <u64>at;
  return w;
}

/** The seeded bits of positions start .. start + 63 (bit 0: start). */
@inline
export function seenWindow(start: i32): u64 {
  const w = seenPtr + (<usize>(start >>> 6) << 3);
  const s = <u64>(start & 63);
  // The next word shifted left by 64 - s, in two steps so that s = 0 gives 0.
  return (load<u64>(w) >> s) | ((load<u64>(w, 8) << 1) << (63 - s));
}

/**
 * Squared distance from the query to the point at pos, summed in the leaf scans' order (even
 * dimensions, odd dimensions, their sum, then the last when d is odd), so a point has the same
 * distance whether it is seeded or scanned.
 */
@inline
function dist2To(qPtr: usize, pos: i32): f64 {
  const row = ptsPtr + <usize>pos * (<usize>dims << 3);
  if (dims == 4) {
    const g01 = f64x2.sub(v128.load(row), v128.load(qPtr));
    const g23 = f64x2.sub(v128.load(row, 16), v128.load(qPtr, 16));
    const s = f64x2.add(f64x2.mul(g01, g01), f64x2.mul(g23, g23)); // (g0² + g2², g1² + g3²)
    return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  }
  let even: f64 = 0;
  let odd: f64 = 0;
  let o: usize = 0;
  const pairs = <usize>(dims & ~1) << 3;
  for (; o < pairs; o += 16) {
    const g0 = load<f64>(row + o) - load<f64>(qPtr + o);
    const g1 = load<f64>(row + o + 8) - load<f64>(qPtr + o + 8);
    even += g0 * g0;
    odd += g1 * g1;
  }
  let s = even + odd;
  if (dims & 1) {
    const g = load<f64>(row + o) - load<f64>(qPtr + o);
    s += g * g;
  }
  return s;
}

/**
 * Takes as seeds the point `first` and the `len` positions at list (distinct, len < MAX_SEED), except
 * those in [start, end) (the query's own leaf, scanned whole): their distances from the query, and
 * their bits set in the bitmap.
 */
export function gatherSeeds(qPtr: usize, start: i32, end: i32, first: i32, list: usize, len: i32): void {
  let g = 0;
  for (let j = -1; j < len; j++) {
    const pos = j < 0 ? first : load<i32>(list + (<usize>j << 2));
    store<i32>(SEED_POS + (<usize>g << 2), pos);
    g += i32((pos < start) | (pos >= end));
  }
  for (let j = 0; j < g; j++) {
    const pos = load<i32>(SEED_POS + (<usize>j << 2));
    store<f64>(SEED_D2 + (<usize>j << 3), dist2To(qPtr, pos));
    const w = seenPtr + (<usize>(pos >>> 6) << 3);
    store<u64>(w, load<u64>(w) | (<u64>1 << <u64>(pos & 63)));
  }
  seedCount = g;
}

/** Ends the query's seeds: clears their bits. */
export function clearSeeds(): void {
  for (let j = 0; j < seedCount; j++) {
    const pos = load<i32>(SEED_POS + (<usize>j << 2));
    const w = seenPtr + (<usize>(pos >>> 6) << 3);
    store<u64>(w, load<u64>(w) & ~(<u64>1 << <u64>(pos & 63)));
  }
  seedCount = 0;
}
