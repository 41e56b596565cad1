// Seeded mutations of the real JSON fixtures (OTLP metrics and traces, Prometheus API JSON, Jaeger, Zipkin):
// each mutant imports or gives a typed ImportError, never a throw or a hang, identical at 100-byte chunks.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { traceFixture } from './trace-helpers';
import { runMutations } from './mutation-helpers';

const fixtures: [string, string][] = [
  ['otlp-metrics', 'opentelemetry-proto_examples_metrics.json'],
  ['otlp-metrics', 'otel-spec_file-exporter_metrics_example.jsonl'],
  ['otlp-traces', 'opentelemetry-proto_examples_trace.json'],
  ['otlp-traces', 'jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json'],
  ['prometheus-api', 'prometheus-docs_api_query_range_up.json'],
  ['prometheus-api', 'jaeger_metricstore_custom_response.json'],
  ['jaeger', 'jaeger-analytics-java_api-traces-response.json'],
  ['jaeger', 'jaeger_uimodel_ui_01_edge-cases.json'],
  ['zipkin', 'zipkin-lens_skew.json'],
  ['zipkin', 'zipkin-lens_yelp.json'],
];

describe('JSON formats: mutations of the real fixtures', () => {
  it.each(fixtures)('%s/%s: 400 mutations each import or give a typed error, identical at 100-byte chunks', async (dir, name) => {
    // Identical results: the same error kind, byte offset and message whatever the chunk size (a file read whole
    // that is not valid UTF-8 or JSON is read by the chunked scanner; a reader's error moves to its value's byte).
    const tally = await runMutations(traceFixture(dir, name), name, 400);
    // Duplicated or deleted blank/indent lines of a pretty-printed file leave it valid: some must import.
    expect(tally.imported).toBeGreaterThan(0);
    expect(tally.failed.corrupt ?? 0).toBeGreaterThan(0);
  });
});

describe('gzip: mutations of a compressed fixture', () => {
  it('300 mutations of a gzip-compressed OTLP traces file each import or give a typed error', async () => {
    const gz = new Uint8Array(gzipSync(traceFixture('otlp-traces', 'jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json')));
    const tally = await runMutations(gz, 'trace.json.gz', 300, false);
    // Almost every change breaks the CRC or the deflate stream: reported as corrupt gzip, not as an exception.
    expect(tally.failed.corrupt ?? 0).toBeGreaterThan(0);
  });
});
