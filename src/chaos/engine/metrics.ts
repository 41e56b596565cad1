// Replayed metrics per service and time bucket: requests, errors, wrong responses, work time and a log
// latency histogram (8 buckets per doubling) giving p50 / p95 / p99; turned into Series at the end.

import type { Series } from '../../model/series';
import type { FaultRuntime } from '../faults/runtime';

const PER_DOUBLING = 8;
const HIST = 176; // up to 2^22 ms (70 min)

const histIndex = (ms: number): number => {
  const i = Math.floor(Math.log2(ms + 1) * PER_DOUBLING);
  return i < 0 ? 0 : i >= HIST ? HIST - 1 : i;
};
/** Representative latency of a histogram bucket: its geometric middle. */
const histValue = (i: number): number => 2 ** ((i + 0.5) / PER_DOUBLING) - 1;

export class MetricsRecorder {
  readonly buckets: number;
  readonly requests: Uint32Array;
  readonly errors: Uint32Array;
  readonly wrong: Uint32Array;
  readonly workMs: Float64Array;
  private readonly hist: Uint32Array;

  constructor(readonly services: readonly string[], readonly startMs: number, readonly endMs: number, readonly bucketMs: number) {
    this.buckets = Math.max(1, Math.ceil((endMs - startMs) / bucketMs));
    const n = services.length * this.buckets;
    this.requests = new Uint32Array(n);
    this.errors = new Uint32Array(n);
    this.wrong = new Uint32Array(n);
    this.workMs = new Float64Array(n);
    this.hist = new Uint32Array(n * HIST);
  }

  /** Cell of service s at time t, -1 outside the replayed range. */
  cell(s: number, t: number): number {
    const b = Math.floor((t - this.startMs) / this.bucketMs);
    return b < 0 || b >= this.buckets ? -1 : s * this.buckets + b;
  }

  request(s: number, t: number, latencyMs: number, failed: boolean, wrong: boolean): void {
    const c = this.cell(s, t);
    if (c < 0) return;
    this.requests[c]++;
    if (failed) this.errors[c]++;
    if (wrong) this.wrong[c]++;
    this.hist[c * HIST + histIndex(latencyMs)]++;
  }

  work(s: number, t: number, ms: number): void {
    const c = this.cell(s, t);
    if (c >= 0) this.workMs[c] += ms;
  }

  private percentile(c: number, q: number): number {
    const n = this.requests[c];
    if (!n) return NaN;
    const rank = Math.ceil(q * n);
    let seen = 0;
    for (let i = 0; i < HIST; i++) {
      seen += this.hist[c * HIST + i];
      if (seen >= rank) return histValue(i);
    }
    return histValue(HIST - 1);
  }

  /** One series per service and metric, bucket start times; CPU and memory where faults model them. */
  toSeries(faults: FaultRuntime, cores: number): Series[] {
    const out: Series[] = [];
    const t = new Float64Array(this.buckets);
    for (let b = 0; b < this.buckets; b++) t[b] = this.startMs + b * this.bucketMs;
    const perS = this.bucketMs / 1000;
    this.services.forEach((service, s) => {
      const col = (f: (c: number, b: number) => number): Float64Array => {
        const v = new Float64Array(this.buckets);
        for (let b = 0; b < this.buckets; b++) v[b] = f(s * this.buckets + b, b);
        return v;
      };
      const labels = { service };
      const add = (name: string, unit: string, v: Float64Array): void => {
        out.push({ name, labels, unit, metricType: 'gauge', t: t.slice(), v });
      };
      add('chaos_requests_per_s', '1/s', col((c) => this.requests[c] / perS));
      add('chaos_error_rate_pct', '%', col((c) => (this.requests[c] ? (100 * this.errors[c]) / this.requests[c] : 0)));
      add('chaos_latency_p50_ms', 'ms', col((c) => this.percentile(c, 0.5)));
      add('chaos_latency_p95_ms', 'ms', col((c) => this.percentile(c, 0.95)));
      add('chaos_latency_p99_ms', 'ms', col((c) => this.percentile(c, 0.99)));
      add('chaos_wrong_responses', '1', col((c) => this.wrong[c]));
      add('chaos_cpu_pct', '%', col((c, b) => Math.min(100, (100 * this.workMs[c]) / (this.bucketMs * cores) + faults.cpuLoad(s, t[b]))));
      if (!Number.isNaN(faults.memoryMB(s, this.startMs))) add('chaos_memory_mb', 'MB', col((_, b) => faults.memoryMB(s, t[b])));
    });
    return out;
  }
}
