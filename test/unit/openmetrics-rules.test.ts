// OpenMetrics: the real fixtures (counts by hand: `grep -vc '^#'` minus `grep -c _created`, awk over
// # TYPE), the spec's MUST rules written inline as bad cases, and sniffing against Prometheus text and CSV.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/formats/registry';
import { openMetricsFormat } from '../../src/formats/openmetrics';
import { prometheusTextFormat } from '../../src/formats/prometheus-text';
import { countByType, failure, parsed, pointCount, promFixture, seriesNamed, sharedDir, text } from './prometheus-helpers';
import { fixture as csvFixture } from './csv-helpers';

describe('OpenMetrics: real files', () => {
  it('client_golang scrape: 53 samples − 9 _created = 44 series; 6 exemplars dropped with a warning', async () => {
    const f = await parsed(promFixture('openmetrics', 'prometheus_alltypes.5mfs.om.txt'));
    expect(f.format).toBe('openmetrics');
    expect(f.series).toHaveLength(44);
    expect(countByType(f)).toEqual({ gauge: 1, counter: 5, histogram: 23, summary: 15 });
    expect(f.warnings.join('\n')).toMatch(/6 exemplars were read and checked but not kept/);
    expect(f.warnings.join('\n')).toMatch(/9 _created samples .* not kept/);
    expect([...seriesNamed(f, 'rpc_durations_histogram_seconds_bucket{le="-0.0002899999999999998"}').v]).toEqual([3]);
    expect(f.series.some((s) => s.name.includes('_created'))).toBe(false);
  });

  it('conformance roundtrip: 40 samples − 1 _created = 39 series; process_cpu_seconds_total is a counter', async () => {
    const f = await parsed(promFixture('openmetrics', 'openmetrics-conformance_roundtrip.om.txt'));
    expect(f.series).toHaveLength(39);
    expect(seriesNamed(f, 'process_cpu_seconds_total').metricType).toBe('counter');
    expect(seriesNamed(f, 'foo_bucket{le="1e-05"}').metricType).toBe('histogram');
    expect(seriesNamed(f, 'foo_bucket{le="1e-05"}').help).toBe('histogram Testing histogram buckets');
    expect(Number.isNaN(seriesNamed(f, 'prometheus_local_storage_indexing_batch_duration_milliseconds{quantile="0.9"}').v[0])).toBe(true);
  });

  it('one histogram family with several label sets: 42 series', async () => {
    const f = await parsed(promFixture('openmetrics', 'prometheus_1histogram.om.txt'));
    expect(f.series).toHaveLength(42);
    expect(countByType(f)).toEqual({ histogram: 42 });
  });

  it('promtool dump-openmetrics: float seconds → exact ms, 7 series × 2 points', async () => {
    const f = await parsed(promFixture('openmetrics', 'prometheus_promtool_dump-openmetrics-roundtrip.om.txt'));
    expect(f.series).toHaveLength(7);
    expect(pointCount(f)).toBe(14);
    expect(f.timeEncoding).toBe('epoch-s');
    const up = seriesNamed(f, 'up{instance="localhost:8000",job="example2"}');
    expect([...up.t]).toEqual([1700226034330, 1700226094329]);
    const bucket = seriesNamed(f, 'my_histogram_bucket{instance="localhost:8000",job="example2",le="+Inf"}');
    expect([...bucket.t]).toEqual([1700215884373, 1700215889373]);
    expect([...bucket.v]).toEqual([10267820369, 10268725070]);
  });
});

describe('OpenMetrics: MUST rules refused with the line', () => {
  it.each([
    ['a negative counter total', '# TYPE a counter\na_total -1\n# EOF\n', 2, /a count or total that is a number ≥ 0/],
    ['a NaN bucket', '# TYPE a histogram\na_bucket{le="+Inf"} NaN\n# EOF\n', 2, /a count or total/],
    ['a bucket without le', '# TYPE a histogram\na_bucket 1\n# EOF\n', 2, /an le label/],
    ['an info value other than 1', '# TYPE a info\na_info 2\n# EOF\n', 2, /the value 1 for an info sample/],
    ['a stateset value other than 0/1', '# TYPE a stateset\na{a="x"} 2\n# EOF\n', 2, /0 or 1/],
    ['a counter sampled without _total', '# TYPE a counter\na 1\n# EOF\n', 2, /counter samples named a_total/],
    ['a summary sample without quantile', '# TYPE a summary\na 1\n# EOF\n', 2, /a quantile label/],
    ['metadata after samples', '# TYPE a gauge\na 1\n# HELP a late\n# EOF\n', 3, /metadata of a before its samples/],
    ['interleaved families', 'a 1\nb 1\na{x="1"} 2\n# EOF\n', 3, /the samples of a together/],
    ['a repeated # TYPE', '# TYPE a gauge\n# TYPE a gauge\na 1\n# EOF\n', 2, /one # TYPE for a/],
    ['a unit that does not end the name', '# TYPE a_seconds gauge\n# UNIT a_seconds bytes\na_seconds 1\n# EOF\n', 2, /a unit that ends the family name/],
    ['an unknown type word', '# TYPE a untyped\na 1\n# EOF\n', 1, /a metric type \(counter, gauge/],
    ['a plain comment', '# hello\na 1\n# EOF\n', 1, /OpenMetrics has no other comment lines/],
    ['a blank line', 'a 1\n\n# EOF\n', 2, /no blank lines/],
    ['an exemplar on a gauge', '# TYPE a gauge\na 1 # {id="x"} 1\n# EOF\n', 2, /exemplars only on counter totals and histogram buckets/],
    ['an exemplar over 128 characters', `# TYPE a counter\na_total 1 # {id="${'x'.repeat(130)}"} 1\n# EOF\n`, 2, /at most 128 characters/],
    ['an exemplar NaN timestamp', '# TYPE a counter\na_total 1 # {id="x"} 1 NaN\n# EOF\n', 2, /an exemplar timestamp/],
    ['a NaN timestamp', 'a 1 NaN\n# EOF\n', 1, /a timestamp in seconds/],
    ['decreasing timestamps', 'a 1 2\na 1 1\n# EOF\n', 2, /timestamps of a that increase/],
    ['a second line after # EOF', 'a 1\n# EOF\n\n', 3, /nothing after the # EOF on line 2/],
    ['a histogram without +Inf bucket', '# TYPE a histogram\na_bucket{le="1"} 1\na_count 1\n# EOF\n', 2, /a le="\+Inf" bucket for the histogram a_bucket/],
    ['bucket counts that decrease', '# TYPE a histogram\na_bucket{le="1"} 5\na_bucket{le="2"} 3\na_bucket{le="+Inf"} 5\n# EOF\n', 3, /cumulative bucket counts/],
    ['no # EOF (truncated)', '# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1\n', 4, /a final "# EOF" line/],
  ])('%s', async (_what, input, line, expected) => {
    const e = await failure(input);
    expect(e.kind).toBe('corrupt');
    if (e.kind === 'corrupt') expect(e.line).toBe(line);
    expect(e.message).toMatch(expected);
  });

  it('allowed: exemplars on counters and buckets, UNIT, HELP escapes, `# EOF` without a line feed', async () => {
    const f = await parsed('# TYPE a_seconds counter\n# UNIT a_seconds seconds\n# HELP a_seconds x\\ny\na_seconds_total 1 # {trace_id="abc"} 0.5 1.5\n# EOF');
    expect(f.series.map((s) => [s.name, s.unit, s.help])).toEqual([['a_seconds_total', 'seconds', 'x\ny']]);
  });
});

describe('sniffing: OpenMetrics, Prometheus text and CSV never take each other\'s files', () => {
  const id = (bytes: Uint8Array): string | undefined => sniffFormat(bytes)?.id;
  it('each fixture goes to its own format', () => {
    for (const f of ['prometheus_alltypes.5mfs.om.txt', 'openmetrics-conformance_roundtrip.om.txt', 'prometheus_1histogram.om.txt', 'prometheus_promtool_dump-openmetrics-roundtrip.om.txt']) {
      expect(id(promFixture('openmetrics', f))).toBe('openmetrics');
    }
    for (const f of ['prometheus-docs_exposition-formats_example.prom', 'prometheus_promtool_metrics-test.prom', 'prometheus_promtool_tsdb-dump-test-1.prom']) {
      expect(id(promFixture('prometheus', f))).toBe('prometheus-text');
    }
    for (const f of ['epoch-s-tab.csv', 'grafana-semicolon.csv', 'headerless.csv', 'iso-offsets.csv', 'nab_ec2_cpu_utilization_24ae8d.csv']) {
      expect(id(csvFixture(f))).toBe('csv');
    }
  });

  it('a large OpenMetrics head (no # EOF in sight) is still known by its UNIT or _total counters', () => {
    expect(id(text('# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1\n'))).toBe('openmetrics');
    expect(id(text('# TYPE a counter\na_total 1\n'))).toBe('openmetrics');
    expect(id(text('# TYPE a_total counter\na_total 1\n'))).toBe('prometheus-text');
    expect(id(text('just some words\nand more\n'))).toBeUndefined();
  });

  it('every real sample in ../shared/data/formats: only exposition files are claimed, OpenMetrics only by OpenMetrics', () => {
    const root = resolve(sharedDir, 'data/formats');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(txt|prom|json|jsonl|csv)$/.test(f));
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const head = new Uint8Array(readFileSync(resolve(root, f))).subarray(0, 64 * 1024);
      if (head.length === 0) continue;
      const exposition = f.startsWith('prometheus-text/') || f.startsWith('openmetrics-text/');
      expect([f, prometheusTextFormat.sniff(head)]).toEqual([f, exposition]);
      expect([f, openMetricsFormat.sniff(head)]).toEqual([f, f.startsWith('openmetrics-text/')]);
    }
  });

  it('a fixture parses the same under its real name and a meaningless one', async () => {
    const bytes = promFixture('openmetrics', 'prometheus_alltypes.5mfs.om.txt');
    expect(await parsed(bytes, 'data.bin')).toEqual(await parsed(bytes, 'prometheus_alltypes.5mfs.om.txt'));
  });
});
