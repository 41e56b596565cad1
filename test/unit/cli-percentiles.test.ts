// `faultline percentiles`: JSON shape, exact values against a sort, the selector, trace files per
// service and operation (ms), and usage errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/cli/percentiles';
import { runCliCaptured } from './cli-helpers';
import { sortedQuantiles } from '../reference/percentiles';

const NAB = 'test/fixtures/csv/nab_ec2_request_latency_system_failure.csv';
const TRACE = 'test/fixtures/otlp-traces/opentelemetry-proto_examples_trace.json';

interface Entry {
  name: string;
  labels: Record<string, string>;
  count: number;
  exact: Record<string, number | null>;
  sketch: Record<string, number | null>;
}

describe('faultline percentiles', () => {
  it('prints exact and sketch percentiles per series as JSON', async () => {
    const { code, out } = await runCliCaptured('percentiles', NAB, '--json');
    expect(code).toBe(0);
    const { series } = JSON.parse(out) as { series: Entry[] };
    expect(series).toHaveLength(1);
    const [e] = series;
    expect(Object.keys(e.exact)).toEqual(['p50', 'p90', 'p99', 'p99.9']);
    expect(Object.keys(e.sketch)).toEqual(['p50', 'p90', 'p99', 'p99.9']);
    expect(e.count).toBe(4032);
    for (const k of ['p50', 'p90', 'p99']) {
      const exact = e.exact[k] ?? NaN;
      expect(Math.abs((e.sketch[k] ?? NaN) - exact) / exact).toBeLessThan(0.02);
    }
  });

  it('series of a Prometheus text file, chosen by selector', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fl-pct-'));
    const file = join(dir, 'scrape.prom');
    await writeFile(file, '# TYPE rpc_seconds gauge\nrpc_seconds{job="a"} 1 1000\nrpc_seconds{job="a"} 2 2000\nrpc_seconds{job="a"} 4 3000\nrpc_seconds{job="b"} 9 1000\nother 5 1000\n');
    const { code, out } = await runCliCaptured('percentiles', file, '--series', 'rpc_seconds{job="a"}', '--json');
    expect(code).toBe(0);
    const { series } = JSON.parse(out) as { series: Entry[] };
    expect(series.map((s) => s.labels.job)).toEqual(['a']);
    const want = sortedQuantiles(Float64Array.of(1, 2, 4), [0.5, 0.9, 0.99, 0.999]);
    expect(Object.values(series[0].exact)).toEqual(want);
    const byLabel = JSON.parse((await runCliCaptured('percentiles', file, '--series', '{job="b"}', '--json')).out) as { series: Entry[] };
    expect(byLabel.series.map((s) => s.name)).toEqual(['rpc_seconds{job="b"}']);
  });

  it('trace files: one entry per service and operation over span durations in ms', async () => {
    const { code, out } = await runCliCaptured('percentiles', TRACE, '--json');
    expect(code).toBe(0);
    const { series } = JSON.parse(out) as { series: Entry[] };
    expect(series).toEqual([expect.objectContaining({ labels: { service: 'my.service', operation: "I'm a server span" }, count: 1 })]);
    expect(series[0].exact.p50).toBe(1000); // 1 000 000 000 ns
    const none = JSON.parse((await runCliCaptured('percentiles', TRACE, '--series', '{service="nope"}', '--json')).out) as { series: Entry[] };
    expect(none.series).toEqual([]);
  });

  it('usage errors exit 2 with the reason', async () => {
    const bad = await runCliCaptured('percentiles', NAB, '--series', 'x{a=1}');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/label="value"/);
    expect((await runCliCaptured('percentiles')).code).toBe(2);
    expect((await runCliCaptured('percentiles', NAB, '--alpha', '2')).code).toBe(2);
    expect((await runCliCaptured('percentiles', 'no-such-file.csv')).code).toBe(1);
  });

  it('parses selectors', () => {
    expect(parseSelector('up')).toEqual({ name: 'up', labels: {} });
    expect(parseSelector('up{job="a\\"b", instance="x"}')).toEqual({ name: 'up', labels: { job: 'a"b', instance: 'x' } });
    expect(parseSelector('{job="a"}')).toEqual({ labels: { job: 'a' } });
  });
});
