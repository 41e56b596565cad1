// `faultline percentiles FILE [--series SELECTOR] [--alpha A] [--json]`: exact and sketch p50/p90/p99/
// p99.9 per series, or per service and operation over span durations (ms) for trace files.
import { exactQuantiles, STANDARD_PERCENTILES, STANDARD_QS } from '../analysis/percentiles/exact';
import { QuantileSketch } from '../analysis/percentiles/sketch';
import { spanDurationGroups } from '../analysis/percentiles/spans';
import { loadKernelsNode } from '../kernels/node';
import type { PercentileKernels } from '../kernels/percentile-types';
import { nextStep } from '../model/errors';
import type { Series } from '../model/series';
import { numberFlag, parseArgs, UsageError } from './args';
import { readTelemetryFile, type CliIO } from './io';

export const PERCENTILES_HELP = `Usage: faultline percentiles FILE [--series SELECTOR] [--alpha A] [--json]

Exact percentiles (by selection, type 7: linear between order statistics) and the mergeable sketch's
estimates (relative accuracy A; DDSketch's rank rule: within A of the value of rank floor(q(n-1))) of
every series of FILE; for trace files, of the span durations in ms per service and operation. NaN
values are left out.

Options:
  --series SELECTOR  only the series it matches: NAME, NAME{label="value",...} or {label="value",...}
                     (every label given must be equal; NAME alone ignores labels). For trace files the
                     entries are named "SERVICE OPERATION" with labels service and operation, e.g.
                     --series '{service="cart"}'
  --alpha A          the sketch's relative accuracy, 0 < A < 1 (default 0.01)
  --json             print {"series":[{"name","labels","count","exact":{"p50","p90","p99","p99.9"},
                     "sketch":{...same keys...}}]} (null where a series has no values)
  --help             show this help

Exit code: 0 when the file was read (even if nothing matched), 1 when it could not be, 2 on a usage error.`;

export interface Selector {
  name?: string;
  labels: Record<string, string>;
}

/** NAME, NAME{k="v",...} or {k="v",...}; a UsageError saying what is wrong otherwise. */
export function parseSelector(text: string): Selector {
  const m = /^([A-Za-z_:][A-Za-z0-9_:.\- ]*)?(?:\{(.*)\})?$/s.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new UsageError(`--series ${JSON.stringify(text)} is not NAME, NAME{label="value"} or {label="value"}`);
  const labels: Record<string, string> = {};
  const body = (m[2] ?? '').trim();
  const pair = /\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  while (pair.lastIndex < body.length) {
    const at = pair.lastIndex;
    const p = pair.exec(body);
    if (!p) throw new UsageError(`--series: cannot read a label matcher label="value" at ${JSON.stringify(body.slice(at))}`);
    labels[p[1]] = JSON.parse(`"${p[2]}"`) as string;
  }
  return { ...(m[1] !== undefined ? { name: m[1].trim() } : {}), labels };
}

export function matches(sel: Selector | undefined, name: string, labels: Record<string, string>): boolean {
  if (!sel) return true;
  // Prometheus-style series are named with their label set (`up{job="a"}`): NAME matches the part before it.
  if (sel.name !== undefined && sel.name !== name && sel.name !== name.slice(0, name.indexOf('{') >>> 0)) return false;
  return Object.entries(sel.labels).every(([k, v]) => labels[k] === v);
}

type Named = Record<keyof typeof STANDARD_PERCENTILES, number | null>;

export interface PercentileEntry {
  name: string;
  labels: Record<string, string>;
  count: number;
  exact: Named;
  sketch: Named;
}

const named = (values: readonly number[]): Named => {
  const out = {} as Named;
  Object.keys(STANDARD_PERCENTILES).forEach((k, j) => (out[k as keyof Named] = Number.isNaN(values[j]) ? null : values[j]));
  return out;
};

function entry(kernels: PercentileKernels, name: string, labels: Record<string, string>, values: Float64Array, alpha: number): PercentileEntry {
  const exact = exactQuantiles(kernels, values, STANDARD_QS);
  const sketch = QuantileSketch.create(kernels, { alpha });
  sketch.add(values);
  return { name, labels, count: exact.count, exact: named(exact.values), sketch: named(sketch.quantiles(STANDARD_QS)) };
}

function table(entries: PercentileEntry[]): string {
  const keys = Object.keys(STANDARD_PERCENTILES) as (keyof Named)[];
  const head = ['series', 'count', ...keys.map((k) => `${k} exact`), ...keys.map((k) => `${k} sketch`)];
  const fmt = (x: number | null): string => (x === null ? '-' : String(Number(x.toPrecision(6))));
  const rows = entries.map((e) => [e.name + (Object.keys(e.labels).length && !e.labels.operation && !e.name.includes('{') ? JSON.stringify(e.labels) : ''), String(e.count), ...keys.map((k) => fmt(e.exact[k])), ...keys.map((k) => fmt(e.sketch[k]))]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function runPercentiles(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ['series', 'alpha'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(PERCENTILES_HELP);
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError(args.positional.length ? 'give exactly one FILE' : 'no FILE given');
  const alpha = numberFlag(args, 'alpha', 0.01, 0, false);
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be in (0, 1), got ${alpha}`);
  const selectorText = args.values.get('series');
  const sel = selectorText === undefined ? undefined : parseSelector(selectorText);
  const file = args.positional[0];
  const parsed = await readTelemetryFile(file);
  if (!parsed.ok) {
    io.err(`faultline percentiles: ${parsed.error.message}. ${nextStep(parsed.error)}`);
    return 1;
  }
  const kernels = await loadKernelsNode();
  const entries: PercentileEntry[] = [];
  const series: Series[] = parsed.value.series;
  for (const s of series) if (matches(sel, s.name, s.labels)) entries.push(entry(kernels, s.name, s.labels, s.v, alpha));
  if (parsed.value.traces) {
    for (const g of spanDurationGroups(parsed.value.traces)) {
      const labels = { service: g.service, operation: g.operation };
      const name = `${g.service} ${g.operation}`;
      if (matches(sel, name, labels) || (sel?.name === g.service && matches({ labels: sel.labels }, name, labels))) entries.push(entry(kernels, name, labels, g.ms, alpha));
    }
  }
  io.out(args.switches.has('json') ? JSON.stringify({ series: entries }, null, 2) : table(entries));
  return 0;
}
