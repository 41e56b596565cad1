// DDSketch-style mergeable quantile sketch over f64 (hand-written for speed: the bucket index comes
// from the value's bits, no log call): insert a batch, merge compact sketches; layout in sketch-layout.ts.
import {
  CAP, COUNT, HEADER, MAX, MIN, MULT, NEG_COLLAPSED, NEG_HI, NEG_INF, NEG_LO, NEG_OFF, POS_COLLAPSED, POS_HI, POS_INF, POS_LO, POS_OFF, SUM, ZERO,
} from './sketch-layout';

const ABS: u64 = 0x7fff_ffff_ffff_ffff;
const MIN_NORMAL: u64 = 0x0010_0000_0000_0000;
const INF_BITS: u64 = 0x7ff0_0000_0000_0000;

// The sketch being worked on (module globals, loaded from and stored to its header per call).
let state: usize = 0;
let cap: i32 = 0;
let scaleA: f64 = 0; // index = ceil(bits · scaleA − scaleB), bits = |x| as a u64
let scaleB: f64 = 0;
let posBase: usize = 0;
let negBase: usize = 0;
let posOff: i32 = 0;
let negOff: i32 = 0;

@inline
function slotAddr(base: usize, slot: i32): usize {
  return base + (<usize>slot << 3);
}

function open(ptr: usize): void {
  state = ptr;
  cap = <i32>load<f64>(ptr + CAP);
  const m = load<f64>(ptr + MULT);
  scaleA = m * 2.220446049250313e-16; // m · 2^-52
  scaleB = m * 1023;
  posBase = ptr + HEADER;
  negBase = posBase + (<usize>cap << 3);
  posOff = <i32>load<f64>(ptr + POS_OFF);
  negOff = <i32>load<f64>(ptr + NEG_OFF);
}

/** Lowest and highest non-empty index of a store (lo > hi when empty), into scanLo / scanHi. */
let scanLo: i32 = 0;
let scanHi: i32 = 0;
function scan(base: usize, off: i32): void {
  let lo = 0;
  while (lo < cap && load<f64>(slotAddr(base, lo)) == 0) lo++;
  let hi = cap - 1;
  while (hi >= lo && load<f64>(slotAddr(base, hi)) == 0) hi--;
  scanLo = off + lo;
  scanHi = off + hi;
}

/** Re-places a store's window to start at index newOff; counts below it collapse into its first slot. */
function moveWindow(base: usize, off: i32, newOff: i32): void {
  const d = newOff - off;
  if (d > 0) {
    let collapsed: f64 = 0;
    for (let s = 0; s < min(d + 1, cap); s++) collapsed += load<f64>(slotAddr(base, s));
    if (d < cap) memory.copy(base, slotAddr(base, d), <usize>(cap - d) << 3);
    memory.fill(slotAddr(base, max(0, cap - d)), 0, <usize>min(d, cap) << 3);
    store<f64>(base, collapsed);
  } else if (d < 0) {
    const u = -d;
    if (u < cap) memory.copy(slotAddr(base, u), base, <usize>(cap - u) << 3);
    memory.fill(base, 0, <usize>min(u, cap) << 3);
  }
}

/**
 * Makes the window of store `neg` (0 positive, 1 negative) cover the indexes [lo, hi] together with
 * what it holds: centred when the union spans at most `cap` indexes, else ending at the highest
 * index with the lowest collapsed into its first slot (DDSketch's collapse-lowest policy).
 */
function cover(neg: bool, lo: i32, hi: i32): void {
  const base = neg ? negBase : posBase;
  const off = neg ? negOff : posOff;
  if (tracking) {
    scanLo = neg ? negLo : posLo;
    scanHi = neg ? negHi : posHi;
  } else scan(base, off);
  const empty = scanLo > scanHi;
  const newLo = empty ? lo : min(scanLo, lo);
  const newHi = empty ? hi : max(scanHi, hi);
  if (!empty && newLo >= off && newHi < off + cap) {
    track(neg, newLo, newHi, off);
    return;
  }
  const span = newHi - newLo + 1;
  let newOff = span <= cap ? newLo - ((cap - span) >> 1) : newHi - cap + 1;
  if (span > cap) {
    const flag = state + (neg ? NEG_COLLAPSED : POS_COLLAPSED);
    // A collapsed store keeps its lowest slot as the floor: lower indexes join it, never reopen below it.
    if (load<f64>(flag) != 0 && !empty) newOff = max(newOff, off);
    store<f64>(flag, 1);
  }
  if (!empty) moveWindow(base, off, newOff); // an empty window holds only zeros: it just moves
  if (neg) negOff = newOff;
  else posOff = newOff;
  track(neg, newLo, newHi, newOff);
}

// While merging, the non-empty range of each store is tracked instead of scanned per source.
let tracking = false;
let posLo: i32 = 0;
let posHi: i32 = 0;
let negLo: i32 = 0;
let negHi: i32 = 0;

/** Records that store `neg` will hold [lo, hi] once the bins are added (clipped to its window at off). */
function track(neg: bool, lo: i32, hi: i32, off: i32): void {
  const l = max(lo, off);
  if (neg) {
    negLo = l;
    negHi = hi;
  } else {
    posLo = l;
    posHi = hi;
  }
}

/** Adds `c` at index idx of a store whose window it may lie outside of. */
function addOutside(neg: bool, idx: i32, c: f64): void {
  const off = neg ? negOff : posOff;
  const collapsed = load<f64>(state + (neg ? NEG_COLLAPSED : POS_COLLAPSED)) != 0;
  if (!(idx < off && collapsed)) cover(neg, idx, idx);
  const base = neg ? negBase : posBase;
  const slot = max(0, idx - (neg ? negOff : posOff));
  store<f64>(slotAddr(base, slot), load<f64>(slotAddr(base, slot)) + c);
}

/** Stores the windows' offsets and their non-empty ranges into the header. */
function finish(): void {
  store<f64>(state + POS_OFF, posOff);
  store<f64>(state + NEG_OFF, negOff);
  scan(posBase, posOff);
  store<f64>(state + POS_LO, scanLo);
  store<f64>(state + POS_HI, scanHi);
  scan(negBase, negOff);
  store<f64>(state + NEG_LO, scanLo);
  store<f64>(state + NEG_HI, scanHi);
}

/**
 * Inserts the len values at vPtr into the sketch at statePtr: NaN is skipped, |x| below the smallest
 * normal f64 (and ±0) counts as zero, ±Infinity in their own counters; the rest in the positive or
 * negative store at index ceil(m · (e + f)) for |x| = 2^e · (1 + f). Returns the values counted.
 */
export function sketchInsert(statePtr: usize, vPtr: usize, len: i32): i32 {
  open(statePtr);
  let mn = load<f64>(statePtr + MIN);
  let mx = load<f64>(statePtr + MAX);
  let sum = load<f64>(statePtr + SUM);
  let zeros: f64 = 0;
  let posInf: f64 = 0;
  let negInf: f64 = 0;
  let nan = 0;
  const a = scaleA;
  const b = scaleB;
  const c = <u32>cap;
  for (let i = 0; i < len; i++) {
    const x = load<f64>(vPtr + (<usize>i << 3));
    const bits = reinterpret<u64>(x);
    const mag = bits & ABS;
    if (mag - MIN_NORMAL < INF_BITS - MIN_NORMAL) {
      const idx = <i32>Math.ceil(<f64>(<i64>mag) * a - b);
      const neg = bits >> 63 != 0;
      const slot = idx - select<i32>(negOff, posOff, neg);
      const p = slotAddr(select<usize>(negBase, posBase, neg), slot);
      if (<u32>slot < c) store<f64>(p, load<f64>(p) + 1);
      else addOutside(neg, idx, 1);
      mn = min(mn, x);
      mx = max(mx, x);
      sum += x;
    } else if (x != x) nan++;
    else {
      mn = min(mn, x);
      mx = max(mx, x);
      if (mag < MIN_NORMAL) {
        zeros += 1;
        sum += x;
      } else if (x > 0) posInf += 1;
      else negInf += 1;
    }
  }
  store<f64>(statePtr + MIN, mn);
  store<f64>(statePtr + MAX, mx);
  store<f64>(statePtr + SUM, sum);
  store<f64>(statePtr + ZERO, load<f64>(statePtr + ZERO) + zeros);
  store<f64>(statePtr + POS_INF, load<f64>(statePtr + POS_INF) + posInf);
  store<f64>(statePtr + NEG_INF, load<f64>(statePtr + NEG_INF) + negInf);
  store<f64>(statePtr + COUNT, load<f64>(statePtr + COUNT) + <f64>(len - nan));
  finish();
  return len - nan;
}

/** Adds the bins [lo, hi] at src to store `neg` (the window first covers them; lower ones collapse). */
function mergeStore(neg: bool, src: usize, lo: i32, hi: i32): void {
  if (lo > hi) return;
  cover(neg, lo, hi);
  const base = neg ? negBase : posBase;
  const off = neg ? negOff : posOff;
  let i = lo;
  let below: f64 = 0;
  for (; i < off && i <= hi; i++) below += load<f64>(slotAddr(src, i - lo));
  if (below != 0) store<f64>(base, load<f64>(base) + below);
  let p = slotAddr(base, i - off);
  let q = slotAddr(src, i - lo);
  const end = slotAddr(src, hi - lo + 1);
  for (; q + 16 <= end; q += 16, p += 16) v128.store(p, f64x2.add(v128.load(p), v128.load(q)));
  if (q < end) store<f64>(p, load<f64>(p) + load<f64>(q));
}

/**
 * Merges `n` compact sketches laid out one after another from srcPtr (each: the header, then its
 * positive bins POS_LO..POS_HI, then its negative bins NEG_LO..NEG_HI) into the sketch at statePtr.
 * The sources must use the same index mapping (MULT); returns the byte just past the last source.
 */
export function sketchMerge(statePtr: usize, srcPtr: usize, n: i32): usize {
  open(statePtr);
  scan(posBase, posOff);
  posLo = scanLo;
  posHi = scanHi;
  scan(negBase, negOff);
  negLo = scanLo;
  negHi = scanHi;
  tracking = true;
  let p = srcPtr;
  for (let k = 0; k < n; k++) {
    const posLo = <i32>load<f64>(p + POS_LO);
    const posHi = <i32>load<f64>(p + POS_HI);
    const negLo = <i32>load<f64>(p + NEG_LO);
    const negHi = <i32>load<f64>(p + NEG_HI);
    const posN = max(0, posHi - posLo + 1);
    const negN = max(0, negHi - negLo + 1);
    mergeStore(false, p + HEADER, posLo, posHi);
    mergeStore(true, p + HEADER + (<usize>posN << 3), negLo, negHi);
    store<f64>(statePtr + COUNT, load<f64>(statePtr + COUNT) + load<f64>(p + COUNT));
    store<f64>(statePtr + ZERO, load<f64>(statePtr + ZERO) + load<f64>(p + ZERO));
    store<f64>(statePtr + POS_INF, load<f64>(statePtr + POS_INF) + load<f64>(p + POS_INF));
    store<f64>(statePtr + NEG_INF, load<f64>(statePtr + NEG_INF) + load<f64>(p + NEG_INF));
    store<f64>(statePtr + SUM, load<f64>(statePtr + SUM) + load<f64>(p + SUM));
    store<f64>(statePtr + MIN, min(load<f64>(statePtr + MIN), load<f64>(p + MIN)));
    store<f64>(statePtr + MAX, max(load<f64>(statePtr + MAX), load<f64>(p + MAX)));
    if (load<f64>(p + POS_COLLAPSED) != 0) store<f64>(statePtr + POS_COLLAPSED, 1);
    if (load<f64>(p + NEG_COLLAPSED) != 0) store<f64>(statePtr + NEG_COLLAPSED, 1);
    p += HEADER + (<usize>(posN + negN) << 3);
  }
  tracking = false;
  finish();
  return p;
}
