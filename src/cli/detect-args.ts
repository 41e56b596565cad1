// `faultline detect` options to a DetectionConfig: --detector, --mode, --voting, --param (repeatable),
// --weight, suppression flags, and one flag per detector parameter derived from each ParamSpec.

import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from '../analysis/detectors/registry';
import { DEFAULT_DETECTION, DETECTION_MODES, DETECTOR_NAMES, VOTINGS, type DetectionConfig, type DetectionMode, type Voting } from '../analysis/detectors/run-types';
import type { DetectorName, DetectorParams, ParamSpec } from '../analysis/detectors/types';
import { parseArgs, UsageError, type ParsedArgs } from './args';

/** Registered detectors (what this build can run), in registry order. */
export const AVAILABLE = [...SERIES_DETECTORS, ...MULTI_SERIES_DETECTORS];

/** A ParamSpec name as a flag (shortWindow gives --short-window) */
export const flagOf = (param: string): string => param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every derived parameter flag, with the detectors that have it. */
function derivedFlags(): Map<string, { param: string; detectors: DetectorName[] }> {
  const flags = new Map<string, { param: string; detectors: DetectorName[] }>();
  for (const d of AVAILABLE) {
    for (const p of d.params) {
      const flag = flagOf(p.name);
      const entry = flags.get(flag) ?? { param: p.name, detectors: [] };
      entry.detectors.push(d.name);
      flags.set(flag, entry);
    }
  }
  return flags;
}

const FIXED_VALUES = ['detector', 'mode', 'voting', 'out', 'cooldown', 'min-duration', 'threads'];
const REPEATED = ['param', 'weight'];

export interface DetectArgs {
  file: string;
  /** What --detector said: a detector name or "ensemble". */
  detector: DetectorName | 'ensemble';
  config: DetectionConfig;
  out?: string;
  /** Detector threads besides the main thread (--threads; default: one per other core, at most 3). */
  threads?: number;
  json: boolean;
  help: boolean;
}

/** Pulls every `--name value` / `--name=value` of the repeatable flags out of argv. */
function takeRepeated(argv: string[]): { rest: string[]; repeated: Map<string, string[]> } {
  const rest: string[] = [];
  const repeated = new Map<string, string[]>(REPEATED.map((n) => [n, []]));
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    const list = m ? repeated.get(m[1]) : undefined;
    if (!m || !list) {
      rest.push(argv[i]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${m[1]} needs a value (name=value)`);
    list.push(value);
  }
  return { rest, repeated };
}

function number(text: string, what: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${what} must be a number, got ${JSON.stringify(text)}`);
  return x;
}

function oneOf<T extends string>(args: ParsedArgs, flag: string, allowed: readonly T[]): T | undefined {
  const v = args.values.get(flag);
  if (v !== undefined && !allowed.includes(v as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T | undefined;
}

/** Parses detect's argv; throws UsageError with what to fix. */
export function parseDetectArgs(argv: string[]): DetectArgs {
  const { rest, repeated } = takeRepeated(argv);
  const derived = derivedFlags();
  const args = parseArgs(rest, { values: [...FIXED_VALUES, ...derived.keys()], switches: ['json', 'help'] });
  const help = args.switches.has('help');
  const json = args.switches.has('json');
  if (help) return { file: '', detector: 'ensemble', config: DEFAULT_DETECTION, json, help };
  if (args.positional.length !== 1) throw new UsageError('detect needs exactly one FILE');
  const names = AVAILABLE.map((d) => d.name);
  const detector = args.values.get('detector');
  if (detector === undefined) throw new UsageError(`--detector is required (${[...names, 'ensemble'].join(', ')})`);
  if (detector !== 'ensemble' && !names.includes(detector as DetectorName)) {
    const known = DETECTOR_NAMES.includes(detector as DetectorName);
    throw new UsageError(`${known ? 'detector not available in this build' : 'unknown detector'} ${JSON.stringify(detector)} (available: ${[...names, 'ensemble'].join(', ')})`);
  }
  const mode = oneOf(args, 'mode', DETECTION_MODES.filter((m) => m !== 'single'));
  const voting = oneOf<Voting>(args, 'voting', VOTINGS);
  const single = detector !== 'ensemble';
  if (single && (mode || voting || repeated.get('weight')?.length)) {
    throw new UsageError('--mode, --voting and --weight combine several detectors: use them with --detector ensemble');
  }
  const chosen: DetectorName[] = single ? [detector as DetectorName] : names;
  const params: Partial<Record<DetectorName, Partial<DetectorParams>>> = {};
  const set = (d: DetectorName, p: string, value: number): void => {
    params[d] = { ...params[d], [p]: value };
  };
  for (const [flag, { param, detectors }] of derived) {
    const text = args.values.get(flag);
    if (text === undefined) continue;
    const targets = detectors.filter((d) => chosen.includes(d));
    if (!targets.length) throw new UsageError(`--${flag} is not a parameter of ${detector} (${paramList(detector)})`);
    for (const d of targets) set(d, param, number(text, `--${flag}`));
  }
  for (const p of repeated.get('param') ?? []) {
    const m = /^(?:([a-z]+)\.)?([A-Za-z][\w-]*)=(.*)$/.exec(p);
    if (!m) throw new UsageError(`--param takes name=value${single ? '' : ' or detector.name=value'}, got ${JSON.stringify(p)}`);
    const d = (m[1] ?? (single ? detector : undefined)) as DetectorName | undefined;
    if (!d) throw new UsageError(`with --detector ensemble, --param needs the detector: detector.name=value (got ${JSON.stringify(p)})`);
    if (!names.includes(d)) throw new UsageError(`--param ${p}: no detector ${JSON.stringify(d)} in this build`);
    set(d, m[2].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), number(m[3], `--param ${p}`));
  }
  const weights: Partial<Record<DetectorName, number>> = {};
  for (const w of repeated.get('weight') ?? []) {
    const m = /^([a-z]+)=(.*)$/.exec(w);
    if (!m || !DETECTOR_NAMES.includes(m[1] as DetectorName)) throw new UsageError(`--weight takes detector=number, got ${JSON.stringify(w)}`);
    weights[m[1] as DetectorName] = number(m[2], `--weight ${w}`);
  }
  const ms = (flag: string): number => {
    const text = args.values.get(flag);
    return text === undefined ? 0 : number(text, `--${flag}`);
  };
  const config: DetectionConfig = {
    mode: single ? 'single' : ((mode ?? 'ensemble') as DetectionMode),
    detectors: single ? chosen : [],
    params,
    voting: voting ?? 'majority',
    ...(Object.keys(weights).length ? { weights } : {}),
    suppression: { cooldownMs: ms('cooldown'), minDurationMs: ms('min-duration'), maintenance: [] },
  };
  const threadsText = args.values.get('threads');
  const threads = threadsText === undefined ? undefined : number(threadsText, '--threads');
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64)) throw new UsageError(`--threads must be a whole number from 0 to 64, got ${threadsText}`);
  return { file: args.positional[0], detector: detector as DetectorName | 'ensemble', config, out: args.values.get('out'), ...(threads !== undefined ? { threads } : {}), json, help };
}

function paramList(detector: string): string {
  const d = AVAILABLE.find((x) => x.name === detector);
  return d ? `its parameters: ${d.params.map((p) => `--${flagOf(p.name)}`).join(', ') || 'none'}` : 'see --help';
}

/** One help line per parameter of a detector. */
export function paramHelp(spec: ParamSpec): string {
  const range = `${spec.integer ? 'integer' : 'number'} ${spec.min}..${spec.max}, default ${spec.default}`;
  return `      --${flagOf(spec.name)} X  ${spec.help} (${range})`;
}
