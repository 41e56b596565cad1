// The chaos lab's words: fault kind labels, each kind's parameters (units, defaults, the anchor they are
// named after), default faults, and offsets such as "10m" or "1h30m" parsed and printed.

import type { Fault, FaultKind } from '../workers/api-chaos';

export const FAULT_LABELS: Record<FaultKind, string> = {
  'network-latency': 'Network latency', 'packet-loss': 'Packet loss', 'service-crash': 'Service crash', 'cascading-failure': 'Cascading failure',
  byzantine: 'Byzantine responses', 'memory-leak': 'Memory leak', 'cpu-spike': 'CPU spike', 'data-corruption': 'Data corruption',
  'clock-skew': 'Clock skew', 'network-partition': 'Network partition',
};

export interface ParamSpec {
  key: string;
  label: string;
  unit: string;
  /** Chaos Mesh / Toxiproxy / Litmus / Polly name it translates to. */
  anchor: string;
  min?: number;
  max?: number;
  step?: number;
  /** A select instead of a number. */
  options?: string[];
}

export const FAULT_PARAMS: Record<FaultKind, ParamSpec[]> = {
  'network-latency': [
    { key: 'latencyMs', label: 'Latency', unit: 'ms', anchor: 'Chaos Mesh delay.latency · Toxiproxy latency', min: 0 },
    { key: 'jitterMs', label: 'Jitter', unit: 'ms', anchor: 'delay.jitter · Toxiproxy jitter', min: 0 },
    { key: 'correlationPct', label: 'Correlation', unit: '%', anchor: 'delay.correlation (netem)', min: 0, max: 100 },
    { key: 'direction', label: 'Direction', unit: '', anchor: 'NetworkChaos direction', options: ['to', 'from', 'both'] },
  ],
  'packet-loss': [
    { key: 'lossPct', label: 'Loss', unit: '%', anchor: 'Chaos Mesh loss.loss · Litmus NETWORK_PACKET_LOSS_PERCENTAGE', min: 0, max: 100 },
    { key: 'correlationPct', label: 'Correlation', unit: '%', anchor: 'loss.correlation', min: 0, max: 100 },
    { key: 'retransmitMs', label: 'Retransmit timeout', unit: 'ms', anchor: 'TCP RTO (min 200 ms)', min: 1 },
    { key: 'maxRetransmits', label: 'Max retransmits', unit: '', anchor: 'then the call fails', min: 0, max: 20, step: 1 },
    { key: 'direction', label: 'Direction', unit: '', anchor: 'NetworkChaos direction', options: ['to', 'from', 'both'] },
  ],
  'service-crash': [
    { key: 'downtimeMs', label: 'Downtime', unit: 'ms', anchor: 'PodChaos pod-failure duration', min: 0 },
    { key: 'restartWarmupMs', label: 'Restart warm-up', unit: 'ms', anchor: 'slow after restart', min: 0 },
    { key: 'warmupFactor', label: 'Warm-up slowdown', unit: '×', anchor: 'work time right after restart', min: 1, step: 0.5 },
    { key: 'repeatIntervalMs', label: 'Repeat every', unit: 'ms', anchor: 'Litmus CHAOS_INTERVAL (0 = once)', min: 0 },
  ],
  'cascading-failure': [
    { key: 'hangMs', label: 'Root hang', unit: 'ms', anchor: 'extra work time of the root service', min: 0 },
    { key: 'propagationDelayMs', label: 'Propagation delay', unit: 'ms', anchor: 'per hop up the graph', min: 0 },
    { key: 'propagationProbability', label: 'Propagation probability', unit: '0–1', anchor: 'per caller', min: 0, max: 1, step: 0.05 },
    { key: 'maxDepth', label: 'Max depth', unit: 'hops', anchor: 'Chaos Mesh Workflow Serial steps', min: 0, max: 64, step: 1 },
    { key: 'poolExhaustionPct', label: 'Pool exhaustion', unit: '%', anchor: 'worker pool held by stuck calls', min: 0, max: 100 },
  ],
  byzantine: [
    { key: 'wrongStatusPct', label: 'Wrong responses', unit: '%', anchor: 'HTTPChaos replace · Polly Outcome InjectionRate', min: 0, max: 100 },
    { key: 'replaceStatus', label: 'Replaced status', unit: 'HTTP', anchor: 'HTTPChaos code (< 400: a wrong value, not an error)', min: 100, max: 599, step: 1 },
  ],
  'memory-leak': [
    { key: 'leakRateMBps', label: 'Leak rate', unit: 'MB/s', anchor: 'StressChaos memory, linear growth', min: 0, step: 0.1 },
    { key: 'oomAtMB', label: 'OOM at', unit: 'MB', anchor: 'container memory limit', min: 1 },
    { key: 'baseMB', label: 'Base', unit: 'MB', anchor: 'memory at the start of the leak', min: 0 },
    { key: 'restartDelayMs', label: 'Restart delay', unit: 'ms', anchor: 'down after the OOM kill', min: 0 },
  ],
  'cpu-spike': [
    { key: 'loadPct', label: 'Load', unit: '%', anchor: 'StressChaos cpu.load · Litmus CPU_LOAD', min: 0, max: 100 },
    { key: 'cores', label: 'Cores', unit: '', anchor: 'StressChaos cpu.workers · Litmus CPU_CORES', min: 1, step: 1 },
  ],
  'data-corruption': [
    { key: 'nanPct', label: 'NaN values', unit: '%', anchor: 'IOChaos mistake filling', min: 0, max: 100 },
    { key: 'duplicatePct', label: 'Duplicated points', unit: '%', anchor: 'NetworkChaos duplicate', min: 0, max: 100 },
    { key: 'outOfOrderPct', label: 'Out-of-order points', unit: '%', anchor: 'NetworkChaos delay.reorder', min: 0, max: 100 },
    { key: 'missingPct', label: 'Missing points', unit: '%', anchor: 'NetworkChaos loss (telemetry)', min: 0, max: 100 },
    { key: 'correlationPct', label: 'Correlation', unit: '%', anchor: 'corrupt.correlation', min: 0, max: 100 },
  ],
  'clock-skew': [
    { key: 'offsetMs', label: 'Offset', unit: 'ms', anchor: 'TimeChaos timeOffset (signed)' },
    { key: 'driftPpm', label: 'Drift', unit: 'ppm', anchor: 'clock drift rate' },
  ],
  'network-partition': [
    { key: 'direction', label: 'Direction', unit: '', anchor: 'NetworkChaos partition direction', options: ['to', 'from', 'both'] },
    { key: 'connectTimeoutMs', label: 'Connect timeout', unit: 'ms', anchor: 'Toxiproxy timeout; then the call fails', min: 0 },
  ],
};

const MINUTE = 60_000;

/** A new fault of `kind` on `target`, with the parameters' usual values, at `startMs` for `durationMs`. */
export function defaultFault(kind: FaultKind, services: readonly string[], target: string, startMs: number, durationMs: number): Fault {
  const base = { startMs, durationMs, targets: [target] };
  switch (kind) {
    case 'network-latency': return { ...base, kind, latencyMs: 300, jitterMs: 50 };
    case 'packet-loss': return { ...base, kind, lossPct: 20, maxRetransmits: 3 };
    case 'service-crash': return { ...base, kind, downtimeMs: durationMs, restartWarmupMs: MINUTE };
    case 'cascading-failure': return { ...base, kind, hangMs: 2000, propagationDelayMs: 30_000 };
    case 'byzantine': return { ...base, kind, wrongStatusPct: 10, replaceStatus: 500 };
    case 'memory-leak': return { ...base, kind, leakRateMBps: 2, oomAtMB: 2048, baseMB: 256, restartDelayMs: 30_000 };
    case 'cpu-spike': return { ...base, kind, loadPct: 80, cores: 1 };
    case 'data-corruption': return { ...base, kind, nanPct: 5, duplicatePct: 5, outOfOrderPct: 5, missingPct: 5 };
    case 'clock-skew': return { ...base, kind, offsetMs: 30_000 };
    case 'network-partition': return { ...base, kind, groupB: services.filter((s) => s !== target).slice(0, 1) };
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE };

/** "10m", "1h30m", "90s", "500ms" (a bare number is seconds) → ms; null when unreadable. */
export function parseOffset(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNITS[m[2]];
    at = re.lastIndex;
  }
  return at === s.length && at > 0 ? total : null;
}

/** ms → the shortest exact offset text: "1h30m", "10m", "90s" → "1m30s", "250ms". */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  let out = '';
  for (const [u, size] of [['d', UNITS.d], ['h', UNITS.h], ['m', UNITS.m], ['s', UNITS.s]] as const) {
    const k = Math.floor(rest / size);
    if (k) {
      out += `${k}${u}`;
      rest -= k * size;
    }
  }
  if (rest) out += `${Math.round(rest)}ms`;
  return sign + out;
}

/** "payment" or "payment, cart" or "cart | payment" for a partition. */
export function faultTargetText(f: Fault): string {
  return f.kind === 'network-partition' ? `${f.targets.join(', ')} | ${f.groupB.join(', ')}` : f.targets.join(', ');
}
