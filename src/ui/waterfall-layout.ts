// The waterfall's geometry without the DOM: which rows show (collapsed subtrees skipped), which of them the
// viewport holds, time → x, and the time axis ticks. Pure, so Node tests and the benchmark run it.

/** Rows shown when the rows flagged in `collapsed` hide their subtrees (rows i … i+subtreeSize[i]−1). */
export function visibleRows(subtreeSize: Uint32Array, collapsed: Uint8Array): Uint32Array {
  const n = subtreeSize.length;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; ) {
    out[k++] = i;
    i += collapsed[i] ? Math.max(1, subtreeSize[i]) : 1;
  }
  return out.subarray(0, k);
}

/** Positions [first, last) of the shown rows to draw for a viewport, with `overscan` rows either side. */
export function rowWindow(scrollTop: number, viewportPx: number, rowPx: number, shown: number, overscan = 0): { first: number; last: number } {
  if (shown <= 0 || rowPx <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(shown, Math.max(0, Math.floor(top / rowPx) - overscan));
  const last = Math.min(shown, Math.max(first, Math.ceil((top + Math.max(0, viewportPx)) / rowPx) + overscan));
  return { first, last };
}

/** Scroll position that brings shown row `pos` into a viewport (unchanged when it is already in). */
export function scrollToShow(scrollTop: number, viewportPx: number, rowPx: number, pos: number): number {
  const y = pos * rowPx;
  if (y < scrollTop) return y;
  if (y + rowPx > scrollTop + viewportPx) return Math.max(0, y + rowPx - viewportPx);
  return scrollTop;
}

/** Position among `shown` of row `row` (binary search: shown rows are increasing), -1 when hidden. */
export function positionOf(shown: Uint32Array, row: number): number {
  let lo = 0;
  let hi = shown.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (shown[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo < shown.length && shown[lo] === row ? lo : -1;
}

/** The shown row holding a hidden `row`: its nearest ancestor (by `parent`) that is shown. */
export function shownAncestor(shown: Uint32Array, parent: Int32Array, row: number): number {
  for (let r = row; r >= 0; r = parent[r]) if (positionOf(shown, r) >= 0) return r;
  return shown.length ? shown[0] : -1;
}

/** x of time `t` (µs from the trace start) in a band of `width` px from `x0` showing [0, span] µs. */
export function xOf(t: number, span: number, x0: number, width: number): number {
  return span > 0 ? x0 + (t / span) * width : x0;
}

/** A bar's x and width, at least `minPx` wide and clipped to the band. */
export function barOf(start: number, duration: number, span: number, x0: number, width: number, minPx = 1): { x: number; w: number } {
  const s = Number.isFinite(start) ? start : 0;
  const d = Number.isFinite(duration) && duration > 0 ? duration : 0;
  const x = Math.min(x0 + width, Math.max(x0, xOf(s, span, x0, width)));
  const w = Math.max(minPx, Math.min(x0 + width - x, (span > 0 ? d / span : 0) * width));
  return { x, w };
}

/** A duration in µs as text: "850 µs", "12.3 ms", "4.56 s". */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return '—';
  const a = Math.abs(us);
  if (a < 1000) return `${+us.toFixed(a < 10 ? 2 : 0)} µs`;
  if (a < 1e6) return `${+(us / 1000).toFixed(a < 1e4 ? 2 : a < 1e5 ? 1 : 0)} ms`;
  if (a < 6e7) return `${+(us / 1e6).toFixed(2)} s`;
  return `${+(us / 6e7).toFixed(1)} min`;
}

/**
 * Ticks for the window [from, from+span] µs over `widthPx`: the smallest 1–2–5 step keeping labels at least
 * `minGapPx` apart, at multiples of the step, each with its offset from `from` and its label (time from the trace start).
 */
export function timeTicks(span: number, widthPx: number, minGapPx = 80, from = 0): { t: number; label: string }[] {
  if (!(span > 0) || !(widthPx > 0)) return [{ t: 0, label: formatMicrosOrZero(from) }];
  const want = (span * minGapPx) / widthPx;
  let step = 10 ** Math.floor(Math.log10(want));
  for (const m of [1, 2, 5, 10]) {
    if (step * m >= want) {
      step *= m;
      break;
    }
  }
  const out: { t: number; label: string }[] = [];
  for (let k = Math.ceil(from / step - 1e-9) || 0; k * step <= from + span + step * 1e-9; k++) out.push({ t: k * step - from, label: formatMicrosOrZero(k * step) });
  return out;
}

const formatMicrosOrZero = (us: number): string => (Math.abs(us) < 1e-9 ? '0' : formatMicros(us));

/** The time window after zooming `view` by `factor` (< 1 zooms in) around `at`, kept inside [0, total]. */
export function zoomWindow(view: { from: number; to: number }, factor: number, at: number, total: number): { from: number; to: number } {
  const span = Math.min(total, Math.max(total * 1e-6, (view.to - view.from) * factor));
  let from = at - (at - view.from) * (span / (view.to - view.from || 1));
  from = Math.max(0, Math.min(total - span, from));
  return { from, to: from + span };
}

/** The part of [start, start+duration] inside the window, relative to its start; undefined when outside. */
export function clipToWindow(start: number, duration: number, from: number, to: number): { start: number; duration: number } | undefined {
  const s = Number.isFinite(start) ? start : 0;
  const e = s + (Number.isFinite(duration) && duration > 0 ? duration : 0);
  if (e < from || s > to) return undefined;
  const cs = Math.max(s, from);
  return { start: cs - from, duration: Math.min(e, to) - cs };
}
