// Command-line argument parsing for the faultline CLI: known flags only, `--flag value` or
// `--flag=value`; anything unknown is a usage error (exit 2), never ignored.

export interface FlagSpec {
  /** Flags that take a value, e.g. `window`. */
  values: string[];
  /** Flags that are on or off, e.g. `json`. */
  switches: string[];
}

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      out.positional.push(arg);
      continue;
    }
    if (arg === '-h') {
      out.switches.add('help');
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      out.switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
      out.values.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

/** A number flag: integer or real within [min, max]; the default when absent. */
export function numberFlag(args: ParsedArgs, name: string, fallback: number, min: number, integer: boolean): number {
  const text = args.values.get(name);
  if (text === undefined) return fallback;
  const x = Number(text);
  if (!Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(text)}`);
  }
  return x;
}
