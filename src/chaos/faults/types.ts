// The ten fault kinds of a replay scenario, with parameters named after Chaos Mesh / Toxiproxy / Litmus /
// Polly so configurations translate (reference slo-chaos-tracing.md §3.5). Times are ms offsets from the replay start.

export type Direction = 'to' | 'from' | 'both';

interface FaultBase {
  /** Offset from the replay start, ms. */
  startMs: number;
  durationMs: number;
  /** Service names the fault applies to (for a partition: group A). */
  targets: string[];
  /** Chance the fault applies to one call (Toxiproxy toxicity, Polly InjectionRate), 0-1; default 1. */
  probability?: number;
}

/** Chaos Mesh delay / Toxiproxy latency: delay = latency + uniform[−jitter, +jitter), netem-style correlation. */
export interface NetworkLatencyFault extends FaultBase {
  kind: 'network-latency';
  latencyMs: number;
  jitterMs?: number;
  correlationPct?: number;
  /** to: calls into the targets; from: calls the targets make; both. Default to. */
  direction?: Direction;
}

/** Chaos Mesh loss {loss, correlation}: each lost attempt waits a retransmit timeout (doubling); past maxRetransmits the call fails. */
export interface PacketLossFault extends FaultBase {
  kind: 'packet-loss';
  lossPct: number;
  correlationPct?: number;
  direction?: Direction;
  /** First retransmission timeout, ms (TCP's minimum RTO is 200). */
  retransmitMs?: number;
  maxRetransmits?: number;
}

/** PodChaos pod-failure / Litmus pod-delete: down for downtimeMs, then slow for restartWarmupMs; repeats every repeatIntervalMs. */
export interface ServiceCrashFault extends FaultBase {
  kind: 'service-crash';
  downtimeMs: number;
  restartWarmupMs?: number;
  /** Work-time multiplier right after restart, easing linearly to 1 over the warm-up; default 3. */
  warmupFactor?: number;
  /** CHAOS_INTERVAL: time between crash starts; 0 = crash once. */
  repeatIntervalMs?: number;
}

/** A root fault (targets[0] hangs) propagated up the dependency graph: callers lose worker-pool capacity hop by hop. */
export interface CascadingFailureFault extends FaultBase {
  kind: 'cascading-failure';
  /** Extra work time of the root service, ms. */
  hangMs: number;
  propagationDelayMs?: number;
  propagationProbability?: number;
  maxDepth?: number;
  /** Share of an affected caller's worker pool held by stuck calls, 0-100; default 80. */
  poolExhaustionPct?: number;
}

/** HTTPChaos replace / Litmus http-status-code / Polly Outcome: a fraction of responses carry a wrong status or value. */
export interface ByzantineFault extends FaultBase {
  kind: 'byzantine';
  wrongStatusPct: number;
  /** ≥ 400: the caller sees an error; below: a success carrying a wrong value (counted, not an error). Default 500. */
  replaceStatus?: number;
}

/** Linear growth from baseMB at leakRateMBps (Chaos Mesh docs' `time` model); at oomAtMB the service crashes and restarts. */
export interface MemoryLeakFault extends FaultBase {
  kind: 'memory-leak';
  leakRateMBps: number;
  oomAtMB: number;
  baseMB?: number;
  restartDelayMs?: number;
}

/** StressChaos cpu {workers, load} / Litmus CPU_LOAD: work time inflates as 1 / (1 − load) (single-server queueing). */
export interface CpuSpikeFault extends FaultBase {
  kind: 'cpu-spike';
  loadPct: number;
  cores?: number;
}

/** NetworkChaos corrupt / IOChaos mistake on the telemetry itself: NaN, duplicated, out-of-order and missing points. */
export interface DataCorruptionFault extends FaultBase {
  kind: 'data-corruption';
  nanPct?: number;
  duplicatePct?: number;
  outOfOrderPct?: number;
  missingPct?: number;
  correlationPct?: number;
}

/** TimeChaos timeOffset (signed) plus an optional drift: the targets' telemetry timestamps move. */
export interface ClockSkewFault extends FaultBase {
  kind: 'clock-skew';
  offsetMs: number;
  driftPpm?: number;
}

/** NetworkChaos partition: calls between groupA (targets) and groupB in `direction` hang until connectTimeoutMs, then fail. */
export interface NetworkPartitionFault extends FaultBase {
  kind: 'network-partition';
  groupB: string[];
  direction?: Direction;
  /** Offset at which the partition heals; default startMs + durationMs. */
  healAtMs?: number;
  connectTimeoutMs?: number;
}

export type Fault =
  | NetworkLatencyFault | PacketLossFault | ServiceCrashFault | CascadingFailureFault | ByzantineFault
  | MemoryLeakFault | CpuSpikeFault | DataCorruptionFault | ClockSkewFault | NetworkPartitionFault;

export type FaultKind = Fault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'network-latency', 'packet-loss', 'service-crash', 'cascading-failure', 'byzantine',
  'memory-leak', 'cpu-spike', 'data-corruption', 'clock-skew', 'network-partition',
];

/** Where a fault acts, in absolute ms: [start, end). A partition ends at its heal time. */
export function faultWindow(f: Fault, replayStartMs: number): { start: number; end: number } {
  const start = replayStartMs + f.startMs;
  const end = f.kind === 'network-partition' && f.healAtMs !== undefined ? replayStartMs + f.healAtMs : start + f.durationMs;
  return { start, end };
}
