// Seeded mutations of the real Prometheus / OpenMetrics fixtures (byte flips, truncations, duplicated and
// deleted lines): each parse gives series or a typed ImportError, never a throw, the same at 100-byte chunks.

import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { parsePrometheusText } from '../../src/formats/prometheus-text';
import { promFixture } from './prometheus-helpers';

const KINDS = new Set(['unknown-format', 'empty', 'corrupt', 'too-large', 'quota', 'cancelled', 'internal']);

function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  let x = seed >>> 0 || 1;
  const rand = (n: number): number => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) % n);
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

const fixtures: ['prometheus' | 'openmetrics', string][] = [
  ['prometheus', 'prometheus_promtool_metrics-test.prom'],
  ['prometheus', 'prometheus_promtool_tsdb-dump-test-1.prom'],
  ['prometheus', 'prometheus-docs_exposition-formats_example.prom'],
  ['openmetrics', 'prometheus_alltypes.5mfs.om.txt'],
  ['openmetrics', 'openmetrics-conformance_roundtrip.om.txt'],
  ['openmetrics', 'prometheus_promtool_dump-openmetrics-roundtrip.om.txt'],
];

describe('mutations of the real fixtures', () => {
  it.each(fixtures)('%s/%s: 500 mutations each import or give a typed error, identical at 100-byte chunks', async (folder, name) => {
    const original = promFixture(folder, name);
    let imported = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const bytes = mutate(original, seed * 7919 + name.length);
      const whole = await parseSource(bytesSource(bytes, name));
      const small = await parseSource(bytesSource(bytes, name, 100));
      expect(small).toEqual(whole);
      if (whole.ok) {
        imported++;
        for (const s of whole.value.series) expect(s.t.length).toBe(s.v.length);
      } else expect(KINDS.has(whole.error.kind)).toBe(true);
    }
    expect(imported).toBeGreaterThan(0);
  });
});

describe('progress and cancellation', () => {
  it('reports progress per chunk up to the total, and stops with "cancelled" when asked', async () => {
    const bytes = promFixture('prometheus', 'prometheus_promtool_metrics-test.prom');
    const seen: number[] = [];
    const r = await parsePrometheusText(bytesSource(bytes, 'm.prom', 500), { onProgress: (p) => seen.push(p.bytesRead) });
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    let calls = 0;
    const cancelled = await parsePrometheusText(bytesSource(bytes, 'm.prom', 500), { isCancelled: () => ++calls > 2 });
    expect(!cancelled.ok && cancelled.error.kind).toBe('cancelled');
  });
});
