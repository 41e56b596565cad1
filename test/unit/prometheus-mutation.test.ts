// Seeded mutations of the real Prometheus / OpenMetrics fixtures (byte flips, truncations, duplicated and
// deleted lines): each parse gives series or a typed ImportError, never a throw, the same at 100-byte chunks.

import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/formats/sources';
import { parsePrometheusText } from '../../src/formats/prometheus-text';
import { promFixture } from './prometheus-helpers';
import { runMutations } from './mutation-helpers';

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
    const tally = await runMutations(promFixture(folder, name), name, 500);
    expect(tally.imported).toBeGreaterThan(0);
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
