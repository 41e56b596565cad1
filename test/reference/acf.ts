// Plain-TypeScript twin of the autocorrelation kernel (assembly/acf.ts): the same normalisation,
// scalar sums; the tests hold the kernel to it and the benchmark runs it beside the kernel.

export function twinAutocorrelation(input: Float64Array, maxLag: number, out: Float64Array): void {
  const n = input.length;
  const x = new Float64Array(n);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const v = input[i];
    x[i] = Number.isFinite(v) ? v : 0;
    peak = Math.max(peak, Math.abs(x[i]));
  }
  if (peak > 0) for (let i = 0; i < n; i++) x[i] /= peak;
  const top = Math.min(maxLag, n - 1);
  const energy = new Float64Array(maxLag + 1);
  if (top >= 0) {
    let head = 0;
    let tail = 0;
    for (let i = 0; i < n - top; i++) head += x[i] * x[i];
    for (let i = top; i < n; i++) tail += x[i] * x[i];
    for (let k = top; k >= 0; k--) {
      energy[k] = Math.sqrt(head) * Math.sqrt(tail);
      if (k > 0) {
        head += x[n - k] * x[n - k];
        tail += x[k - 1] * x[k - 1];
      }
    }
  }
  for (let k = 0; k <= maxLag; k++) {
    let dot = 0;
    for (let i = 0; i + k < n; i++) dot += x[i] * x[i + k];
    out[k] = energy[k] > 0 ? Math.min(1, Math.max(-1, dot / energy[k])) : NaN;
  }
}

/** From-scratch reference: every lag's three sums recomputed (no running energies). */
export function referenceAutocorrelation(input: ArrayLike<number>, maxLag: number): Float64Array {
  const n = input.length;
  const x = Array.from(input, (v) => (Number.isFinite(v) ? v : 0));
  const peak = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const y = x.map((v) => (peak > 0 ? v / peak : 0));
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    if (k >= n) {
      out[k] = NaN;
      continue;
    }
    let dot = 0;
    let head = 0;
    let tail = 0;
    for (let i = 0; i + k < n; i++) {
      dot += y[i] * y[i + k];
      head += y[i] * y[i];
      tail += y[i + k] * y[i + k];
    }
    out[k] = head > 0 && tail > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(head * tail))) : NaN;
  }
  return out;
}
