// `faultline traces`: the JSON shape and its figures on real files (counts read off the files with jq), root
// causes ordered by traces on a generated OTLP file with known origins, several files as one set, errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './cli-helpers';
import { sharedDir } from './csv-helpers';

const DEMO = join(sharedDir, 'data/formats/otlp-json-traces/otel-demo_collector-file-exporter_traces.jsonl');
const KAFKA = 'test/fixtures/zipkin/zipkin-lens_messaging-kafka.json';

interface TracesJson {
  services: { name: string; spans: number; errors: number; p50: number | null; p99: number | null }[];
  operations: { service: string; name: string; spans: number; errors: number; p50: number; p90: number; p99: number; 'p99.9': number }[];
  edges: { from: string; to: string; calls: number; errors: number }[];
  rootCauses: { service: string; operation: string; traces: number; share: number }[];
}

async function tracesJson(...files: string[]): Promise<TracesJson> {
  const { code, out, err } = await runCliCaptured('traces', ...files, '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as TracesJson;
}

/** An OTLP/JSON request of cascades frontend → checkout → payment (→ db) failing at `origin`. */
function otlpCascades(origins: ('db' | 'payment')[]): string {
  const spans = (service: string) => ({ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans: [] as object[] }] });
  const by: Record<string, ReturnType<typeof spans>> = { frontend: spans('frontend'), checkout: spans('checkout'), payment: spans('payment'), db: spans('db') };
  origins.forEach((origin, k) => {
    const traceId = String(k + 1).padStart(32, '0');
    const t0 = 1_700_000_000_000_000_000n + BigInt(k) * 1_000_000_000n;
    const span = (service: string, id: number, parent: number, name: string, error: boolean) =>
      by[service].scopeSpans[0].spans.push({
        traceId, spanId: String(k * 10 + id).padStart(16, '0'), parentSpanId: parent ? String(k * 10 + parent).padStart(16, '0') : '', name,
        startTimeUnixNano: String(t0 + BigInt(id) * 1000n), endTimeUnixNano: String(t0 + 1_000_000n - BigInt(id) * 1000n), status: error ? { code: 2 } : {},
      });
    span('frontend', 1, 0, 'GET /buy', true);
    span('checkout', 2, 1, 'PlaceOrder', true);
    span('payment', 3, 2, 'Charge', true);
    span('db', 4, 3, 'INSERT', origin === 'db');
  });
  return JSON.stringify({ resourceSpans: Object.values(by) });
}

describe('faultline traces', () => {
  it('OTel demo: services and edges as counted with jq, operations with four percentiles', async () => {
    const j = await tracesJson(DEMO);
    // jq: spans per resource service.name and those with status.code == 2.
    expect(j.services.map((s) => [s.name, s.spans, s.errors])).toEqual([
      ['frontend', 197, 60], ['frontend-proxy', 150, 0], ['loadgenerator', 83, 39], ['productcatalogservice', 40, 0],
      ['flagd', 25, 0], ['adservice', 24, 0], ['recommendationservice', 16, 0], ['checkoutservice', 12, 8],
    ]);
    expect(Object.keys(j.operations[0])).toEqual(['service', 'name', 'spans', 'errors', 'p50', 'p90', 'p99', 'p99.9']);
    expect(j.operations.reduce((k, o) => k + o.spans, 0)).toBe(547);
    for (const o of j.operations) expect(o.p50 <= o.p90 && o.p90 <= o.p99 && o.p99 <= o['p99.9']).toBe(true);
    // jq: spans whose parent is in the file and of another service, grouped by the two services.
    expect(j.edges[0]).toEqual({ from: 'frontend-proxy', to: 'frontend', calls: 75, errors: 20 });
    expect(j.edges).toHaveLength(9);
    expect(j.rootCauses.map((r) => r.traces)).toEqual([...j.rootCauses.map((r) => r.traces)].sort((a, b) => b - a));
  });

  it('Zipkin Kafka: durations in ms, the three failing leaves as one root cause', async () => {
    const j = await tracesJson(KAFKA);
    // serviceb: three polls of 1 µs and on-message spans of 310, 265 and 251 µs → p50 (1 + 251) / 2 µs = 0.126 ms.
    expect(j.services.find((s) => s.name === 'serviceb')).toEqual({ name: 'serviceb', spans: 6, errors: 3, p50: 0.126, p99: expect.closeTo(0.30775, 10) });
    expect(j.edges).toEqual([{ from: 'servicea', to: 'serviceb', calls: 3, errors: 0 }]);
    expect(j.rootCauses).toEqual([{ service: 'serviceb', operation: 'on-message', traces: 1, share: 1 }]);
  });

  it('root causes are ordered by failing traces, most first, with their share', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fl-traces-'));
    const file = join(dir, 'cascades.json');
    await writeFile(file, otlpCascades(['payment', 'db', 'db', 'payment', 'db']));
    const j = await tracesJson(file);
    expect(j.rootCauses).toEqual([
      { service: 'db', operation: 'INSERT', traces: 3, share: 0.6 },
      { service: 'payment', operation: 'Charge', traces: 2, share: 0.4 },
    ]);
    expect(j.edges.map((e) => [e.from, e.to, e.calls, e.errors])).toEqual([['checkout', 'payment', 5, 5], ['frontend', 'checkout', 5, 5], ['payment', 'db', 5, 3]]);
  });

  it('several files are one set: the OTel demo split in two gives the same answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fl-traces-'));
    const lines = (await import('node:fs')).readFileSync(DEMO, 'utf8').split('\n').filter((l) => l.trim());
    await writeFile(join(dir, 'a.jsonl'), lines.slice(0, 20).join('\n'));
    await writeFile(join(dir, 'b.jsonl'), lines.slice(20).join('\n'));
    expect(await tracesJson(join(dir, 'a.jsonl'), join(dir, 'b.jsonl'))).toEqual(await tracesJson(DEMO));
  });

  it('a readable table; usage and file errors', async () => {
    const table = await runCliCaptured('traces', KAFKA);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^1 traces, 28 spans\n/);
    expect(table.out).toContain('Critical path (top operations)');
    expect((await runCliCaptured('traces')).code).toBe(2);
    expect((await runCliCaptured('traces', KAFKA, '--slow-ms', 'x')).code).toBe(2);
    const missing = await runCliCaptured('traces', 'no/such/file.json');
    expect(missing.code).toBe(1);
    const metrics = await runCliCaptured('traces', 'test/fixtures/csv/nab_ec2_request_latency_system_failure.csv');
    expect(metrics.code).toBe(1);
    expect(metrics.err).toMatch(/holds no spans/);
  });
});
