// Rolling Pearson correlation of two aligned columns over the `window` points ending at each index.
// Hand-written: sliding shifted sums (exactly re-derived every few windows); all-finite stretches run
// two blocks at once, one per f64x2 lane (or, for a lone block, two outputs per step with prefix sums).
import { allFinite } from './rolling';

/** Re-derive the shifts and sums from scratch at least this often (outputs), and every 8 windows. */
const REBASE_MIN: i32 = 16384;

// Sliding state over the jointly finite pairs in the window: shifts, shifted sums, count.
let kx: f64 = 0;
let ky: f64 = 0;
let sx: f64 = 0;
let sy: f64 = 0;
let sxx: f64 = 0;
let syy: f64 = 0;
let sxy: f64 = 0;
let count: f64 = 0;

@inline
function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/**
 * Exact state for the window [max(0, i - window), i): shifts are the window means (or the first
 * jointly finite pair in [i, ahead) when the window has none).
 */
function rebase(xPtr: usize, yPtr: usize, i: i32, window: i32, ahead: i32): void {
  const lo = max(0, i - window);
  let n: f64 = 0;
  let mx: f64 = 0;
  let my: f64 = 0;
  for (let k = lo; k < i; k++) {
    const x = at(xPtr, k);
    const y = at(yPtr, k);
    if (x - x != 0 || y - y != 0) continue;
    n += 1;
    mx += (x - mx) / n;
    my += (y - my) / n;
  }
  for (let k = i; n == 0 && k < ahead; k++) {
    const x = at(xPtr, k);
    const y = at(yPtr, k);
    if (x - x != 0 || y - y != 0) continue;
    mx = x;
    my = y;
    break;
  }
  let a: f64 = 0;
  let b: f64 = 0;
  let aa: f64 = 0;
  let bb: f64 = 0;
  let ab: f64 = 0;
  for (let k = lo; k < i; k++) {
    const x = at(xPtr, k);
    const y = at(yPtr, k);
    if (x - x != 0 || y - y != 0) continue;
    const dx = x - mx;
    const dy = y - my;
    a += dx;
    b += dy;
    aa += dx * dx;
    bb += dy * dy;
    ab += dx * dy;
  }
  kx = mx;
  ky = my;
  sx = a;
  sy = b;
  sxx = aa;
  syy = bb;
  sxy = ab;
  count = n;
}

/** r from shifted sums over n pairs: NaN when n < 2 or either variance is not positive. */
@inline
function pearsonOf(n: f64, a: f64, b: f64, aa: f64, bb: f64, ab: f64): f64 {
  const vx = aa - (a * a) / n;
  const vy = bb - (b * b) / n;
  if (!(n >= 2 && vx > 0 && vy > 0)) return NaN;
  return min<f64>(1, max<f64>(-1, (ab - (a * b) / n) / Math.sqrt(vx * vy)));
}

/** Any-input path: one output per step, pairs with a non-finite side left out of the sums. */
function checkedRange(xPtr: usize, yPtr: usize, from: i32, to: i32, window: i32, outPtr: usize): void {
  for (let i = from; i < to; i++) {
    const x = at(xPtr, i);
    const y = at(yPtr, i);
    if (x - x == 0 && y - y == 0) {
      const dx = x - kx;
      const dy = y - ky;
      sx += dx;
      sy += dy;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
      count += 1;
    }
    const j = i - window;
    if (j >= 0) {
      const x0 = at(xPtr, j);
      const y0 = at(yPtr, j);
      if (x0 - x0 == 0 && y0 - y0 == 0) {
        const dx = x0 - kx;
        const dy = y0 - ky;
        sx -= dx;
        sy -= dy;
        sxx -= dx * dx;
        syy -= dy * dy;
        sxy -= dx * dy;
        count -= 1;
      }
    }
    store<f64>(outPtr + (<usize>i << 3), pearsonOf(count, sx, sy, sxx, syy, sxy));
  }
}

/** (d0, d0 + d1): prefix sum within a pair. */
@inline
function pairPrefix(d: v128): v128 {
  return f64x2.add(d, v128.shuffle<f64>(f64x2.splat(0), d, 0, 2));
}

/** The lane-1 value of a pair in both lanes. */
@inline
function high(d: v128): v128 {
  return v128.shuffle<f64>(d, d, 1, 1);
}

/**
 * All-finite path with a full window (i >= window): two outputs per step; returns the first index not
 * done. `invWindow` is 1 / window computed by the caller (computed here, V8 kept the divide inside the loop).
 */
function fusedRange(xPtr: usize, yPtr: usize, from: i32, to: i32, window: i32, invWindow: f64, outPtr: usize): i32 {
  if (from < window) return from;
  const lag = <usize>window << 3;
  const kxv = f64x2.splat(kx);
  const kyv = f64x2.splat(ky);
  const invN = f64x2.splat(invWindow);
  const zero = f64x2.splat(0);
  const nan = f64x2.splat(NaN);
  const lo = f64x2.splat(-1);
  const hi = f64x2.splat(1);
  let ca = f64x2.splat(sx);
  let cb = f64x2.splat(sy);
  let caa = f64x2.splat(sxx);
  let cbb = f64x2.splat(syy);
  let cab = f64x2.splat(sxy);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o = <usize>i << 3;
    const ex = f64x2.sub(v128.load(xPtr + o), kxv);
    const ey = f64x2.sub(v128.load(yPtr + o), kyv);
    const lx = f64x2.sub(v128.load(xPtr + o - lag), kxv);
    const ly = f64x2.sub(v128.load(yPtr + o - lag), kyv);
    const dx = f64x2.sub(ex, lx);
    const dy = f64x2.sub(ey, ly);
    const a = f64x2.add(ca, pairPrefix(dx));
    const b = f64x2.add(cb, pairPrefix(dy));
    const aa = f64x2.add(caa, pairPrefix(f64x2.mul(dx, f64x2.add(ex, lx))));
    const bb = f64x2.add(cbb, pairPrefix(f64x2.mul(dy, f64x2.add(ey, ly))));
    const ab = f64x2.add(cab, pairPrefix(f64x2.sub(f64x2.mul(ex, ey), f64x2.mul(lx, ly))));
    ca = high(a);
    cb = high(b);
    caa = high(aa);
    cbb = high(bb);
    cab = high(ab);
    const vx = f64x2.sub(aa, f64x2.mul(f64x2.mul(a, a), invN));
    const vy = f64x2.sub(bb, f64x2.mul(f64x2.mul(b, b), invN));
    const cov = f64x2.sub(ab, f64x2.mul(f64x2.mul(a, b), invN));
    let r = f64x2.div(cov, f64x2.sqrt(f64x2.mul(vx, vy)));
    r = f64x2.pmin(hi, f64x2.pmax(lo, r));
    const ok = v128.and(f64x2.gt(vx, zero), f64x2.gt(vy, zero));
    v128.store(outPtr + o, v128.bitselect(r, nan, ok));
  }
  sx = f64x2.extract_lane(ca, 0);
  sy = f64x2.extract_lane(cb, 0);
  sxx = f64x2.extract_lane(caa, 0);
  syy = f64x2.extract_lane(cbb, 0);
  sxy = f64x2.extract_lane(cab, 0);
  count = <f64>window;
  return i;
}

/** Two rebased states side by side, f64x2 each (lane = block): kx, ky, sx, sy, sxx, syy, sxy; then 1/window twice. */
const LANES: usize = memory.data(8 * 16, 16);
/** r's bounds, -1 and 1, in both lanes. */
const BOUNDS: usize = memory.data<f64>([-1, -1, 1, 1], 16);

/** Keeps the state rebase() just derived as lane `lane` (0 or 1) of LANES. */
function keepLane(lane: usize): void {
  const p = LANES + (lane << 3);
  store<f64>(p, kx);
  store<f64>(p, ky, 16);
  store<f64>(p, sx, 32);
  store<f64>(p, sy, 48);
  store<f64>(p, sxx, 64);
  store<f64>(p, syy, 80);
  store<f64>(p, sxy, 96);
}

/**
 * All-finite path over two blocks of `n` outputs with full windows, one per lane: lane 0 slides from
 * output a, lane 1 from output b, each from its state in LANES. Everything invariant is loaded from
 * memory before the loop: V8 rebuilt v128 literals, and recomputed 1/window, on every step.
 */
function dualRange(xPtr: usize, yPtr: usize, a: i32, b: i32, n: i32, window: i32, outPtr: usize): bool {
  const lag = <usize>window << 3;
  const gap = <usize>(b - a) << 3;
  const kxv = v128.load(LANES);
  const kyv = v128.load(LANES, 16);
  let ca = v128.load(LANES, 32);
  let cb = v128.load(LANES, 48);
  let caa = v128.load(LANES, 64);
  let cbb = v128.load(LANES, 80);
  let cab = v128.load(LANES, 96);
  const invN = v128.load(LANES, 112);
  const lo = v128.load(BOUNDS);
  const hi = v128.load(BOUNDS, 16);
  const zero = f64x2.splat(0);
  const end = <usize>(a + n) << 3;
  for (let o = <usize>a << 3; o < end; o += 8) {
    const px = xPtr + o;
    const py = yPtr + o;
    const ex = f64x2.sub(v128.load64_lane(px + gap, v128.load64_zero(px), 1), kxv);
    const ey = f64x2.sub(v128.load64_lane(py + gap, v128.load64_zero(py), 1), kyv);
    const lx = f64x2.sub(v128.load64_lane(px + gap - lag, v128.load64_zero(px - lag), 1), kxv);
    const ly = f64x2.sub(v128.load64_lane(py + gap - lag, v128.load64_zero(py - lag), 1), kyv);
    const dx = f64x2.sub(ex, lx);
    const dy = f64x2.sub(ey, ly);
    ca = f64x2.add(ca, dx);
    cb = f64x2.add(cb, dy);
    caa = f64x2.add(caa, f64x2.mul(dx, f64x2.add(ex, lx)));
    cbb = f64x2.add(cbb, f64x2.mul(dy, f64x2.add(ey, ly)));
    cab = f64x2.add(cab, f64x2.sub(f64x2.mul(ex, ey), f64x2.mul(lx, ly)));
    const vx = f64x2.sub(caa, f64x2.mul(f64x2.mul(ca, ca), invN));
    const vy = f64x2.sub(cbb, f64x2.mul(f64x2.mul(cb, cb), invN));
    const cov = f64x2.sub(cab, f64x2.mul(f64x2.mul(ca, cb), invN));
    let r = f64x2.pmin(hi, f64x2.pmax(lo, f64x2.div(cov, f64x2.sqrt(f64x2.mul(vx, vy)))));
    r = v128.or(r, f64x2.le(f64x2.pmin(vx, vy), zero)); // all bits set (a NaN) unless both variances > 0
    v128.store64_lane(outPtr + o, r, 0);
    v128.store64_lane(outPtr + o + gap, r, 1);
  }
  return finiteSums(ca, cb);
}

/** Whether both lanes of the sliding sums of x and of y are finite (a non-finite value that entered or left the window is not). */
@inline
function finiteSums(a: v128, b: v128): bool {
  return i64x2.all_true(v128.and(f64x2.eq(f64x2.sub(a, a), f64x2.splat(0)), f64x2.eq(f64x2.sub(b, b), f64x2.splat(0))));
}

/**
 * Whether the all-finite paths run on trust (no pass over the inputs first): cleared when they meet a
 * non-finite value, restored by a scan that finds none; kept from call to call (it only steers work).
 */
let trusting = true;

/** Whether to take an all-finite path over x and y in [from, to): on trust, else after a scan. */
function mayFuse(xPtr: usize, yPtr: usize, from: i32, to: i32): bool {
  if (!trusting) trusting = allFinite(xPtr, from, to) != 0 && allFinite(yPtr, from, to) != 0;
  return trusting;
}

/**
 * Rolling Pearson r for outputs i in [first, len) of the aligned columns x and y over the pairs in
 * (i - window, i] where both values are finite; writes out[i - first]. NaN where fewer than 2 such
 * pairs or either side has zero variance. Deviations from the window mean must stay below ~1e75.
 */
export function rollingPearson(xPtr: usize, yPtr: usize, len: i32, first: i32, window: i32, outPtr: usize): void {
  const out = outPtr - (<usize>first << 3);
  const every = max(REBASE_MIN, window * 8);
  const invWindow = 1 / <f64>window;
  v128.store(LANES, f64x2.splat(invWindow), 112);
  // On trust (see mayFuse), a non-finite value that enters or leaves the window of an all-finite path
  // leaves its sums non-finite, and the block is redone checked. One in the window before a block
  // leaves it within the block when the block is at least a window long (blocks run in pairs are 8
  // windows); a shorter lone block needs that window full of finite pairs (count).
  let start = first;
  while (start < len) {
    const end = min(len, start + every);
    if (window >= 2 && start >= window && end + every <= len && mayFuse(xPtr, yPtr, start - window, end + every)) {
      rebase(xPtr, yPtr, start, window, end);
      keepLane(0);
      rebase(xPtr, yPtr, end, window, end + every);
      keepLane(1);
      if (dualRange(xPtr, yPtr, start, end, every, window, out)) {
        start = end + every;
        continue;
      }
      trusting = false;
    }
    rebase(xPtr, yPtr, start, window, end);
    let i = start;
    if (window >= 2 && mayFuse(xPtr, yPtr, max(0, start - window), end)) {
      const full = min(end, max(start, window));
      checkedRange(xPtr, yPtr, start, full, window, out);
      i = full;
      if (count == <f64>window) {
        i = fusedRange(xPtr, yPtr, full, end, window, invWindow, out);
        if (!(sx - sx == 0 && sy - sy == 0)) {
          trusting = false;
          rebase(xPtr, yPtr, start, window, end);
          i = start;
        }
      }
    }
    checkedRange(xPtr, yPtr, i, end, window, out);
    start = end;
  }
}
