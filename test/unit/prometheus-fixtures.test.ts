// The Prometheus text parser on the real files from ../shared/data/formats/prometheus-text. Expected
// counts by hand: `grep -v '^#' | grep -vc '^$'` for samples, awk over # TYPE lines for types.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/cli/inspect';
import { countByType, failure, parsed, pointCount, promFixture, seriesNamed, sharedDir, sharedFile } from './prometheus-helpers';

describe('Prometheus text: real files', () => {
  it('a 237-family Prometheus scrape: 1857 samples, each its own series, types from # TYPE', async () => {
    const f = await parsed(sharedFile('prometheus-text/prometheus_alltypes.237mfs.prom.txt'), 'scrape.prom.txt');
    expect(f.format).toBe('prometheus-text');
    expect(f.series).toHaveLength(1857);
    expect(pointCount(f)).toBe(1857);
    // awk '/^# TYPE/{t=$4} !/^#/ && NF {c[t]++}': summary 136, histogram 1209, counter 319, gauge 193.
    expect(countByType(f)).toEqual({ summary: 136, histogram: 1209, counter: 319, gauge: 193 });
    expect(f.timeEncoding).toBeUndefined();
    expect(f.warnings.join('\n')).toMatch(/No sample has a timestamp.*1970-01-01T00:00:00.000Z/);
    const mem = seriesNamed(f, 'go_gc_gomemlimit_bytes');
    expect([...mem.v]).toEqual([9.03676723e8]);
    expect(mem.metricType).toBe('gauge');
    expect(mem.help).toBeTruthy();
    const bucket = seriesNamed(f, 'go_gc_heap_allocs_by_size_bytes_bucket{le="24.999999999999996"}');
    expect([...bucket.v]).toEqual([1.9429106442e10]);
    expect(bucket.labels).toEqual({ le: '24.999999999999996' });
  });

  it('promtool metrics-test: 27 samples, summary quantiles and histogram buckets', async () => {
    const f = await parsed(promFixture('prometheus', 'prometheus_promtool_metrics-test.prom'));
    expect(f.series).toHaveLength(27);
    expect(countByType(f)).toEqual({ summary: 7, histogram: 15, counter: 4, gauge: 1 });
    const q = seriesNamed(f, 'go_gc_duration_seconds{quantile="0.25"}');
    expect([...q.v]).toEqual([9.4402e-5]);
    expect(q.help).toBe('A summary of the pause duration of garbage collection cycles.');
    expect([...seriesNamed(f, 'prometheus_tsdb_compaction_chunk_size_bytes_bucket{le="+Inf"}').v]).toEqual([13867]);
    expect([...seriesNamed(f, 'go_info{version="go1.17"}').v]).toEqual([1]);
  });

  it('promtool tsdb dump: name inside the braces, 3 series × 5 points in ms', async () => {
    const f = await parsed(promFixture('prometheus', 'prometheus_promtool_tsdb-dump-test-1.prom'));
    expect(f.series.map((s) => s.name)).toEqual(['heavy_metric{foo="bar"}', 'heavy_metric{foo="foo"}', 'metric{baz="abc",foo="bar"}']);
    expect(f.timeEncoding).toBe('epoch-ms');
    const s = seriesNamed(f, 'metric{baz="abc",foo="bar"}');
    expect([...s.t]).toEqual([0, 60000, 120000, 180000, 240000]);
    expect([...s.v]).toEqual([1, 2, 3, 4, 5]);
    expect(s.labels).toEqual({ baz: 'abc', foo: 'bar' });
    expect(s.metricType).toBe('untyped');
    expect(f.warnings).toEqual([]);
  });

  it('the official docs example is refused at line 10 (its UTF-8 line has no value)', async () => {
    const e = await failure(promFixture('prometheus', 'prometheus-docs_exposition-formats_example.prom'));
    expect(e.kind).toBe('corrupt');
    if (e.kind === 'corrupt') expect(e.line).toBe(10);
    expect(e.message).toMatch(/line 10: expected a sample value/);
  });

  it('the docs example with a value on line 10: 21 series, escaping, ms and negative timestamps', async () => {
    const bytes = new TextDecoder().decode(promFixture('prometheus', 'prometheus-docs_exposition-formats_example.prom'));
    const f = await parsed(bytes.replace('"Not Found"}', '"Not Found"} 1'));
    expect(f.series).toHaveLength(21);
    const post = seriesNamed(f, 'http_requests_total{code="200",method="post"}');
    expect([...post.t]).toEqual([1395066363000]);
    expect(post.metricType).toBe('counter');
    expect(post.help).toBe('The total number of HTTP requests.');
    const escaped = f.series.find((s) => s.name.startsWith('msdos_file_access_time_seconds'));
    expect(escaped?.labels).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
    expect(escaped?.name).toBe('msdos_file_access_time_seconds{error="Cannot find file:\\n\\"FILE.TXT\\"",path="C:\\\\DIR\\\\FILE.TXT"}');
    const weird = seriesNamed(f, 'something_weird{problem="division by zero"}');
    expect([...weird.t]).toEqual([-3982045]);
    expect([...weird.v]).toEqual([Infinity]);
    const dotted = seriesNamed(f, '{"my.dotted.metric","error.message"="Not Found"}');
    expect(dotted.labels).toEqual({ 'error.message': 'Not Found' });
    // Untimed samples take the latest timestamp in the file (stated in a warning).
    expect([...seriesNamed(f, 'metric_without_timestamp_and_labels').t]).toEqual([1395066363000]);
    expect(f.warnings.join('\n')).toMatch(/had no timestamp.*2014-03-17T14:26:03.000Z/);
  });
});

describe('faultline inspect (in process) on the real exposition files', () => {
  it('reports format, series, points and the time range', async () => {
    const dump = await inspectFile(resolve(sharedDir, 'data/formats/openmetrics-text/prometheus_promtool_dump-openmetrics-roundtrip.om.txt'));
    expect(dump).toMatchObject({ format: 'openmetrics', timeEncoding: 'epoch-s', series: 7, points: 14, start: '2023-11-17T08:44:41.366Z', end: '2023-11-17T13:01:34.329Z', errors: [] });
    const scrape = await inspectFile(resolve(sharedDir, 'data/formats/prometheus-text/prometheus_alltypes.237mfs.prom.txt'));
    expect(scrape).toMatchObject({ format: 'prometheus-text', series: 1857, points: 1857, errors: [] });
    const docs = await inspectFile(resolve(sharedDir, 'data/formats/prometheus-text/prometheus-docs_exposition-formats_example.prom'));
    expect(docs.errors[0]).toMatch(/line 10: expected a sample value/);
  });
});
