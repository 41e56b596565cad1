// `faultline inspect --json` on trace files (OTLP, Jaeger, Zipkin, gzip): traces, spans, services and
// errorSpans per file beside the "errors" list of reasons a file could not be read.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './cli-helpers';
import { repoRoot } from './csv-helpers';
import { traceFixture } from './trace-helpers';

const run = runCliCaptured;

describe('faultline inspect on traces', () => {
  it('prints per-file trace counts (hand-counted) in JSON; a gzip copy under a meaningless name reads the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-traces-'));
    const gz = join(dir, 'blob.bin');
    writeFileSync(gz, gzipSync(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json')));
    const files = [
      resolve(repoRoot, 'test/fixtures/otlp-traces/opentelemetry-proto_examples_trace.json'),
      resolve(repoRoot, 'test/fixtures/jaeger/jaeger_uimodel_ui_01_edge-cases.json'),
      resolve(repoRoot, 'test/fixtures/zipkin/zipkin-lens_messaging-kafka.json'),
      gz,
    ];
    const r = await run('inspect', '--json', ...files);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { files: Record<string, unknown>[] };
    const pick = (f: Record<string, unknown>) => [f.format, f.series, f.traces, f.spans, f.services, f.errorSpans, f.errors];
    expect(report.files.map(pick)).toEqual([
      ['otlp-traces', 0, 1, 1, 1, 0, []],
      ['jaeger', 0, 1, 5, 2, 1, []],
      ['zipkin', 0, 1, 28, 2, 3, []],
      ['zipkin', 0, 1, 28, 2, 3, []],
    ]);
    // examples/trace.json: 1544712660000000000 → 1544712661000000000 ns.
    expect([report.files[0].start, report.files[0].end]).toEqual(['2018-12-13T14:51:00.000Z', '2018-12-13T14:51:01.000Z']);
  });

  it('exits 1 with the reason for a truncated trace file, error spans stay 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-traces-'));
    const cut = join(dir, 'cut.json');
    const bytes = traceFixture('jaeger', 'jaeger-analytics-java_api-traces-response.json');
    writeFileSync(cut, bytes.subarray(0, 1500));
    const r = await run('inspect', '--json', cut);
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.out) as { files: { errorSpans: number; errors: string[] }[] }).files[0];
    expect(f.errorSpans).toBe(0);
    expect(f.errors[0]).toMatch(/cut\.json.*expected the rest of the JSON document/);
  });
});
