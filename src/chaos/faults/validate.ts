// Validation of scenario faults against a model: readable problems naming the fault, the field and the
// accepted range, so a configuration typed in the UI, the CLI or a session file can be corrected.

import type { ChaosModel } from '../model';
import { FAULT_KINDS, type Fault } from './types';

type Check = [field: string, value: number | undefined, lo: number, hi: number, required: boolean];

function rangeChecks(f: Fault): Check[] {
  switch (f.kind) {
    case 'network-latency': return [['latencyMs', f.latencyMs, 0, Infinity, true], ['jitterMs', f.jitterMs, 0, Infinity, false], ['correlationPct', f.correlationPct, 0, 100, false]];
    case 'packet-loss': return [['lossPct', f.lossPct, 0, 100, true], ['correlationPct', f.correlationPct, 0, 100, false], ['retransmitMs', f.retransmitMs, 1, Infinity, false], ['maxRetransmits', f.maxRetransmits, 0, 20, false]];
    case 'service-crash': return [['downtimeMs', f.downtimeMs, 0, Infinity, true], ['restartWarmupMs', f.restartWarmupMs, 0, Infinity, false], ['warmupFactor', f.warmupFactor, 1, 1000, false], ['repeatIntervalMs', f.repeatIntervalMs, 0, Infinity, false]];
    case 'cascading-failure': return [['hangMs', f.hangMs, 0, Infinity, true], ['propagationDelayMs', f.propagationDelayMs, 0, Infinity, false], ['propagationProbability', f.propagationProbability, 0, 1, false], ['maxDepth', f.maxDepth, 0, 64, false], ['poolExhaustionPct', f.poolExhaustionPct, 0, 100, false]];
    case 'byzantine': return [['wrongStatusPct', f.wrongStatusPct, 0, 100, true], ['replaceStatus', f.replaceStatus, 100, 599, false]];
    case 'memory-leak': return [['leakRateMBps', f.leakRateMBps, 0, Infinity, true], ['oomAtMB', f.oomAtMB, 1, Infinity, true], ['baseMB', f.baseMB, 0, Infinity, false], ['restartDelayMs', f.restartDelayMs, 0, Infinity, false]];
    case 'cpu-spike': return [['loadPct', f.loadPct, 0, 100, true], ['cores', f.cores, 1, 8192, false]];
    case 'data-corruption': return [['nanPct', f.nanPct, 0, 100, false], ['duplicatePct', f.duplicatePct, 0, 100, false], ['outOfOrderPct', f.outOfOrderPct, 0, 100, false], ['missingPct', f.missingPct, 0, 100, false], ['correlationPct', f.correlationPct, 0, 100, false]];
    case 'clock-skew': return [['offsetMs', f.offsetMs, -Infinity, Infinity, true], ['driftPpm', f.driftPpm, -1e6, 1e6, false]];
    case 'network-partition': return [['healAtMs', f.healAtMs, f.startMs, Infinity, false], ['connectTimeoutMs', f.connectTimeoutMs, 0, Infinity, false]];
  }
}

/** Problems of every fault of a scenario, each naming the fault by position and kind; empty when all are valid. */
export function validateFaults(faults: readonly Fault[], model: ChaosModel): string[] {
  const out: string[] = [];
  const known = new Set(model.services);
  faults.forEach((f, i) => {
    const kind: string = (f as { kind: unknown }).kind as string;
    const name = `fault ${i + 1} (${kind})`;
    if (!FAULT_KINDS.includes(f.kind)) {
      out.push(`${name}: unknown kind; expected one of ${FAULT_KINDS.join(', ')}.`);
      return;
    }
    if (!(Number.isFinite(f.startMs) && f.startMs >= 0)) out.push(`${name}: startMs must be a finite offset ≥ 0 from the replay start, got ${f.startMs}.`);
    if (!(Number.isFinite(f.durationMs) && f.durationMs > 0)) out.push(`${name}: durationMs must be finite and > 0, got ${f.durationMs}.`);
    if (f.probability !== undefined && !(f.probability >= 0 && f.probability <= 1)) out.push(`${name}: probability must be in [0, 1], got ${f.probability}.`);
    if (!Array.isArray(f.targets) || !f.targets.length) out.push(`${name}: targets must name at least one service.`);
    const groups = f.kind === 'network-partition' ? [...(f.targets ?? []), ...(f.groupB ?? [])] : f.targets ?? [];
    for (const t of groups) if (!known.has(t)) out.push(`${name}: service "${t}" is not in the dataset (services: ${model.services.join(', ')}).`);
    if (f.kind === 'network-partition') {
      if (!f.groupB?.length) out.push(`${name}: groupB must name at least one service.`);
      const overlap = f.groupB?.filter((s) => f.targets.includes(s)) ?? [];
      if (overlap.length) out.push(`${name}: ${overlap.join(', ')} is in both groups.`);
    }
    if ('direction' in f && f.direction !== undefined && !['to', 'from', 'both'].includes(f.direction)) out.push(`${name}: direction must be to, from or both.`);
    for (const [field, v, lo, hi, required] of rangeChecks(f)) {
      if (v === undefined) {
        if (required) out.push(`${name}: ${field} is required.`);
      } else if (!(typeof v === 'number' && v >= lo && v <= hi && !Number.isNaN(v))) {
        out.push(`${name}: ${field} must be a number in [${lo}, ${hi}], got ${String(v)}.`);
      }
    }
  });
  return out;
}
