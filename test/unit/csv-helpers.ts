// Test helpers for the CSV parser: parse bytes through the registry at the default chunk size and at
// 100 bytes, and require both to give identical results (values split across chunk boundaries).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Result } from '../../src/model/errors';
import type { ParsedFile } from '../../src/formats/types';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const fixtureDir = resolve(repoRoot, 'test/fixtures/csv');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(fixtureDir, name)));
}

export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Parses at 4 MiB and at 100-byte chunks, asserts both results are identical, returns the first. */
export async function parseTwice(bytes: Uint8Array, name: string): Promise<Result<ParsedFile>> {
  const whole = await parseSource(bytesSource(bytes, name));
  const small = await parseSource(bytesSource(bytes, name, 100));
  expect(small).toEqual(whole);
  return whole;
}

export async function parseOk(bytes: Uint8Array, name: string): Promise<ParsedFile> {
  const r = await parseTwice(bytes, name);
  if (!r.ok) throw new Error(`expected ${name} to parse, got ${r.error.message}`);
  return r.value;
}

export const ms = (iso: string): number => Date.parse(iso);
