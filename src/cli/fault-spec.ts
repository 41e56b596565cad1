// `--fault KIND:TARGET@START+DURATION[:PARAM=VALUE,…]` for `faultline scenario new`: short kind aliases,
// offsets such as 90s / 5m / 1h, parameters checked against the session schema (unknown ones listed).

import type { Fault, FaultKind } from '../chaos/faults/types';
import { FAULT_KINDS } from '../chaos/faults/types';
import { faultSchema } from '../session/schema-scenario';
import { UsageError } from './args';

/** Short names accepted beside the full kind names. */
export const FAULT_ALIASES: Record<string, FaultKind> = {
  latency: 'network-latency', delay: 'network-latency', loss: 'packet-loss', crash: 'service-crash', cascade: 'cascading-failure',
  byzantine: 'byzantine', leak: 'memory-leak', cpu: 'cpu-spike', corrupt: 'data-corruption', skew: 'clock-skew', partition: 'network-partition',
};

const BASE_FIELDS = new Set(['kind', 'startMs', 'durationMs', 'targets']);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The parameters a kind accepts (from the schema), e.g. latencyMs, jitterMs, probability. */
export function faultParams(kind: FaultKind): string[] {
  const option = faultSchema.options.find((o) => o.shape.kind.value === kind);
  return option ? Object.keys(option.shape).filter((k) => !BASE_FIELDS.has(k)) : [];
}

/** "90s", "5m", "1.5h", "250ms", "0" → ms; undefined when malformed. */
export function parseOffset(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

function kindOf(name: string): FaultKind {
  if ((FAULT_KINDS as readonly string[]).includes(name)) return name as FaultKind;
  const alias = FAULT_ALIASES[name];
  if (alias) return alias;
  const names = Object.entries(FAULT_ALIASES).map(([a, k]) => `${a} (${k})`).join(', ');
  throw new UsageError(`unknown fault kind ${JSON.stringify(name)}; kinds: ${names}`);
}

function paramValue(kind: FaultKind, key: string, raw: string, spec: string): number | string | string[] {
  if (key === 'direction') {
    if (!['to', 'from', 'both'].includes(raw)) throw new UsageError(`--fault ${spec}: direction must be to, from or both`);
    return raw;
  }
  if (key === 'groupB') return raw.split('|').filter(Boolean);
  const x = key.endsWith('Ms') && /[a-z]$/.test(raw) ? parseOffset(raw) : Number(raw);
  if (x === undefined || raw.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--fault ${spec}: ${key} must be a number${key.endsWith('Ms') ? ' of ms (or 90s, 5m, 1h)' : ''}, got ${JSON.stringify(raw)} (${kind})`);
  return x;
}

/** Defaults the command line fills in when a required parameter is left out. */
function defaults(kind: FaultKind, durationMs: number): Record<string, number> {
  if (kind === 'service-crash') return { downtimeMs: durationMs };
  return {};
}

/** One fault from its command-line form; a UsageError naming what is wrong and what is accepted. */
export function parseFaultSpec(spec: string): Fault {
  const m = /^([a-z-]+):([^@]+)@([^+]+)\+([^:]+)(?::(.*))?$/.exec(spec);
  if (!m) throw new UsageError(`--fault ${JSON.stringify(spec)} is not KIND:TARGET@START+DURATION[:PARAM=VALUE,…] (e.g. crash:cart@10m+5m or latency:payment@1h+10m:latencyMs=300,jitterMs=50)`);
  const [, kindName, targetText, startText, durationText, paramText] = m;
  const kind = kindOf(kindName);
  const startMs = parseOffset(startText);
  const durationMs = parseOffset(durationText);
  if (startMs === undefined) throw new UsageError(`--fault ${spec}: START ${JSON.stringify(startText)} must be an offset such as 90s, 5m or 1h`);
  if (!durationMs) throw new UsageError(`--fault ${spec}: DURATION ${JSON.stringify(durationText)} must be a positive offset such as 90s, 5m or 1h`);
  const accepted = faultParams(kind);
  const fault: Record<string, unknown> = { kind, startMs, durationMs, targets: targetText.split('|').filter(Boolean), ...defaults(kind, durationMs) };
  for (const pair of paramText ? paramText.split(',') : []) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (!accepted.includes(key) || eq < 0) throw new UsageError(`--fault ${spec}: ${eq < 0 ? `${JSON.stringify(pair)} is not PARAM=VALUE` : `unknown parameter ${JSON.stringify(key)}`}; ${kind} takes ${accepted.join(', ')}`);
    fault[key] = paramValue(kind, key, pair.slice(eq + 1), spec);
  }
  const r = faultSchema.safeParse(fault);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && fault[field] === undefined;
    throw new UsageError(`--fault ${spec}: ${missing ? `${field} is required` : `${field}: ${issue.message}`}; ${kind} takes ${accepted.join(', ')}`);
  }
  return r.data as Fault;
}
