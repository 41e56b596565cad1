// Test helpers for the Prometheus text / OpenMetrics parsers: fixtures by folder, parse through the
// registry at 4 MiB and 100-byte chunks (identical results required), and series lookup by name.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Series } from '../../src/model/series';
import type { ImportError } from '../../src/model/errors';
import type { ParsedFile } from '../../src/formats/types';
import { parseTwice, repoRoot, sharedDir, text } from './csv-helpers';

export { sharedDir, text };

export function promFixture(folder: 'prometheus' | 'openmetrics', name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(repoRoot, 'test/fixtures', folder, name)));
}

export function sharedFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(sharedDir, 'data/formats', path)));
}

export async function parsed(bytes: Uint8Array | string, name = 'metrics.txt'): Promise<ParsedFile> {
  const r = await parseTwice(typeof bytes === 'string' ? text(bytes) : bytes, name);
  if (!r.ok) throw new Error(`expected ${name} to parse, got ${r.error.message}`);
  return r.value;
}

export async function failure(bytes: Uint8Array | string, name = 'metrics.txt'): Promise<ImportError> {
  const r = await parseTwice(typeof bytes === 'string' ? text(bytes) : bytes, name);
  if (r.ok) throw new Error(`expected ${name} to fail, got ${r.value.series.length} series`);
  return r.error;
}

export function seriesNamed(f: ParsedFile, name: string): Series {
  const s = f.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series ${name} in ${f.series.map((x) => x.name).join(', ')}`);
  return s;
}

export function pointCount(f: ParsedFile): number {
  return f.series.reduce((n, s) => n + s.t.length, 0);
}

export function countByType(f: ParsedFile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of f.series) out[s.metricType ?? 'none'] = (out[s.metricType ?? 'none'] ?? 0) + 1;
  return out;
}
