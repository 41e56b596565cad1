// The seeded mutator shared by the mutation tests (Node and browser): byte flips, truncations, duplicated and
// deleted lines of a real fixture, and a runner that parses each mutant at 4 MiB and at 100-byte chunks.

import { expect } from 'vitest';
import type { ImportError, Result } from '../../src/model/errors';
import type { ParsedFile } from '../../src/formats/types';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';

/** Every kind of the ImportError union; anything else escaping a parse is a bug. */
export const IMPORT_ERROR_KINDS: ReadonlySet<ImportError['kind']> = new Set(['unknown-format', 'empty', 'corrupt', 'too-large', 'quota', 'cancelled', 'internal']);

/** The kinds of mutation, in the order `mutate` picks them from the seed. */
export const MUTATIONS = ['byte flips', 'truncation', 'duplicated line', 'deleted line'] as const;

/** A deterministic generator (LCG) of integers in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n: number) => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) % n);
}

/** One seeded mutation of `bytes`: 1–4 random bytes overwritten, a cut at a random offset, or a line duplicated or deleted. */
export function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  const rand = seededRandom(seed);
  const lines = new TextDecoder('latin1').decode(bytes).split('\n');
  switch (rand(4)) {
    case 0: {
      const out = bytes.slice();
      for (let k = 0; k < 1 + rand(4); k++) out[rand(out.length)] = rand(256);
      return out;
    }
    case 1:
      return bytes.slice(0, rand(bytes.length));
    case 2: {
      const i = rand(lines.length);
      lines.splice(i, 0, lines[i]);
      break;
    }
    default:
      lines.splice(rand(lines.length), 1);
  }
  return Uint8Array.from(lines.join('\n'), (c) => c.charCodeAt(0));
}

/** True when `r` is a parse result or a typed import error (never an exception, never an unknown kind). */
export function isTypedOutcome(r: Result<ParsedFile>): boolean {
  if (r.ok) return r.value.series.every((s) => s.t.length === s.v.length);
  return IMPORT_ERROR_KINDS.has(r.error.kind) && typeof r.error.message === 'string' && r.error.message.length > 0;
}

export interface MutationTally {
  imported: number;
  failed: Partial<Record<ImportError['kind'], number>>;
}

/**
 * Parses `count` mutants of `original` at 4 MiB and at 100-byte chunks. Each must import or give a typed
 * error, the same at both chunk sizes (identical results when `identical`, else the same outcome and kind).
 */
export async function runMutations(original: Uint8Array, name: string, count: number, identical = true): Promise<MutationTally> {
  const tally: MutationTally = { imported: 0, failed: {} };
  for (let seed = 1; seed <= count; seed++) {
    const bytes = mutate(original, seed * 7919 + name.length);
    const where = `${name}, mutation seed ${seed * 7919 + name.length}`;
    let whole: Result<ParsedFile>;
    let small: Result<ParsedFile>;
    try {
      whole = await parseSource(bytesSource(bytes, name));
      small = await parseSource(bytesSource(bytes, name, 100));
    } catch (e) {
      throw new Error(`${where}: the parse threw instead of returning an ImportError: ${e instanceof Error ? e.stack : String(e)}`);
    }
    expect(isTypedOutcome(whole), where).toBe(true);
    expect(isTypedOutcome(small), where).toBe(true);
    if (identical) expect(small, where).toEqual(whole);
    else {
      expect(small.ok, where).toBe(whole.ok);
      if (whole.ok && small.ok) expect(small.value, where).toEqual(whole.value);
      else if (!whole.ok && !small.ok) expect(small.error.kind, where).toBe(whole.error.kind);
    }
    if (whole.ok) tally.imported++;
    else tally.failed[whole.error.kind] = (tally.failed[whole.error.kind] ?? 0) + 1;
  }
  return tally;
}
