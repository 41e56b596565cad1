// Rolling Pearson correlation in plain TypeScript: a from-scratch reference (each window two-pass) the
// kernel is tested against, and a sliding twin of the kernel's algorithm for the benchmark.

/** r over the jointly finite pairs of x, y in (i - window, i], two-pass; NaN per the kernel's rules. */
export function windowPearson(x: ArrayLike<number>, y: ArrayLike<number>, i: number, window: number): { r: number; vx: number; vy: number; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = Math.max(0, i - window + 1); k <= i; k++) {
    if (Number.isFinite(x[k]) && Number.isFinite(y[k])) {
      xs.push(x[k]);
      ys.push(y[k]);
    }
  }
  const n = xs.length;
  if (n < 2) return { r: NaN, vx: 0, vy: 0, n };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let vx = 0;
  let vy = 0;
  let c = 0;
  for (let k = 0; k < n; k++) {
    vx += (xs[k] - mx) ** 2;
    vy += (ys[k] - my) ** 2;
    c += (xs[k] - mx) * (ys[k] - my);
  }
  const r = vx > 0 && vy > 0 ? Math.min(1, Math.max(-1, c / Math.sqrt(vx * vy))) : NaN;
  return { r, vx, vy, n };
}

export function referencePearson(x: ArrayLike<number>, y: ArrayLike<number>, window: number): Float64Array {
  return Float64Array.from({ length: x.length }, (_, i) => windowPearson(x, y, i, window).r);
}

/**
 * The kernel's algorithm, scalar: sliding sums shifted by the window means, re-derived exactly every
 * max(16384, 8 · window) outputs; pairs with a non-finite side skipped.
 */
export function twinPearson(x: Float64Array, y: Float64Array, window: number, out: Float64Array): void {
  const n = x.length;
  const every = Math.max(16384, 8 * window);
  for (let start = 0; start < n; start += every) {
    const end = Math.min(n, start + every);
    const lo = Math.max(0, start - window);
    let c = 0;
    let kx = 0;
    let ky = 0;
    for (let k = lo; k < start; k++) {
      if (!(Number.isFinite(x[k]) && Number.isFinite(y[k]))) continue;
      c++;
      kx += (x[k] - kx) / c;
      ky += (y[k] - ky) / c;
    }
    for (let k = start; c === 0 && k < end; k++) {
      if (!(Number.isFinite(x[k]) && Number.isFinite(y[k]))) continue;
      kx = x[k];
      ky = y[k];
      break;
    }
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let k = lo; k < start; k++) {
      if (!(Number.isFinite(x[k]) && Number.isFinite(y[k]))) continue;
      const dx = x[k] - kx;
      const dy = y[k] - ky;
      sx += dx;
      sy += dy;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    for (let i = start; i < end; i++) {
      const xi = x[i];
      const yi = y[i];
      if (xi - xi === 0 && yi - yi === 0) {
        const dx = xi - kx;
        const dy = yi - ky;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
        c++;
      }
      const j = i - window;
      if (j >= 0 && x[j] - x[j] === 0 && y[j] - y[j] === 0) {
        const dx = x[j] - kx;
        const dy = y[j] - ky;
        sx -= dx;
        sy -= dy;
        sxx -= dx * dx;
        syy -= dy * dy;
        sxy -= dx * dy;
        c--;
      }
      const vx = sxx - (sx * sx) / c;
      const vy = syy - (sy * sy) / c;
      out[i] = c >= 2 && vx > 0 && vy > 0 ? Math.min(1, Math.max(-1, (sxy - (sx * sy) / c) / Math.sqrt(vx * vy))) : NaN;
    }
  }
}
