// Configuration and results of one replay: seed, faults, policies, pool sizes; replayed series, per-edge
// outcome counts (as the caller saw them, after policies), breaker timelines and sampled replayed traces.

import type { Series } from '../../model/series';
import type { TraceSet } from '../../model/traces';
import type { Fault } from '../faults/types';
import type { BreakerTransition } from '../policies/circuit-breaker';
import type { PolicyMap } from '../policies/types';

export interface ReplayConfig {
  seed: number;
  faults: Fault[];
  policies: PolicyMap;
  /** Metric bucket width, ms; default 10 000. */
  bucketMs?: number;
  /** Requests one service works on at once (thread-per-request pool); default 200. */
  workersPerService?: number;
  /** Requests waiting for a worker before the service rejects with 503; default 1000. */
  queueLimit?: number;
  /** Cores per service for the CPU series; default 4. */
  coresPerService?: number;
  /** Keep spans of every N-th request as replayed traces; 0 (default) keeps none. */
  traceEvery?: number;
}

export interface EdgeStats {
  edge: string;
  /** Logical calls (one per call a caller made, however many attempts). */
  calls: number;
  /** Calls that ended failed for the caller (after retries, without fallback). */
  failed: number;
  fallbacks: number;
  attempts: number;
  timeouts: number;
  rejectedByBreaker: number;
  rejectedByBulkhead: number;
}

export interface ReplayResult {
  series: Series[];
  edges: EdgeStats[];
  breakers: { edge: string; timeline: BreakerTransition[] }[];
  traces?: TraceSet;
  requests: number;
  /** Simulated calls: entry requests plus call attempts sent over an edge (each counted once). */
  simulatedCalls: number;
  events: number;
  /** Fault windows in absolute ms, in scenario order. */
  faultWindows: { kind: Fault['kind']; targets: string[]; start: number; end: number }[];
}
