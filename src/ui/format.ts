// Display formatting for the UI: times (UTC), ranges, counts, bytes, rates, and units guessed
// from conventional series-name suffixes (_ms, _pct, _mb, _per_s). Presentation only.

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-02 14:10:00 UTC"-style, without the zone suffix. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return `${date} ${time}${millis ? '.' + String(millis).padStart(3, '0') : ''}`;
}

export function formatRange(start: number, end: number): string {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'no points';
  return `${formatTime(start)} → ${formatTime(end)} UTC`;
}

/** Compact UTC range for narrow places: minutes precision, the end without its year when it is the same. */
export function formatRangeShort(start: number, end: number): string {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'no points';
  const a = formatTime(start).slice(0, 16);
  const b = formatTime(end).slice(0, 16);
  return `${a} → ${a.slice(0, 4) === b.slice(0, 4) ? b.slice(5) : b}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = ms / 1000;
  if (s < 60) return `${+s.toFixed(1)} s`;
  if (s < 3600) return `${+(s / 60).toFixed(1)} min`;
  if (s < 86400 * 2) return `${+(s / 3600).toFixed(1)} h`;
  return `${+(s / 86400).toFixed(1)} d`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : '—';
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = n;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${i === 0 ? x : x.toFixed(x < 10 ? 1 : 0)} ${units[i]}`;
}

/** A compact number for tables and tooltips: 4 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : '−∞';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e9 || a < 1e-4)) return x.toExponential(3);
  return (+x.toPrecision(5)).toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** The unit suggested by a series name, e.g. "p99_latency_ms" → "ms"; '' when none is conventional. */
export function unitOf(seriesName: string): string {
  const n = seriesName.toLowerCase();
  const suffixes: [RegExp, string][] = [
    [/(_per_s|_per_sec|_rps|_qps)$/, '/s'],
    [/(_|\b)(ms|millis(econds)?)$/, 'ms'],
    [/(_|\b)(us|micros(econds)?)$/, 'µs'],
    [/(_|\b)(seconds|secs|s)$/, 's'],
    [/(_|\b)(pct|percent|utilization)$|%$/, '%'],
    [/(_|\b)(mb|mib)$/, 'MB'],
    [/(_|\b)(gb|gib)$/, 'GB'],
    [/(_|\b)bytes$/, 'B'],
  ];
  for (const [re, unit] of suffixes) if (re.test(n)) return unit;
  return '';
}

export function withUnit(value: string, unit: string): string {
  if (!unit) return value;
  return unit === '%' || unit === '/s' ? `${value}${unit}` : `${value} ${unit}`;
}
