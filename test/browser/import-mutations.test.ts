// Mutated real fixtures imported through the real import worker into real IndexedDB: each imports or fails
// with a typed error, and after every failure the store holds exactly what it held before (nothing partial).
// Also: the worker dates an untimed scrape at the File's lastModified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import wasmUrl from '../../build/kernels.wasm?url';
import csvUrl from '../fixtures/csv/grafana-comma-bom.csv?url';
import promUrl from '../fixtures/prometheus/prometheus_promtool_metrics-test.prom?url';
import omUrl from '../fixtures/openmetrics/prometheus_alltypes.5mfs.om.txt?url';
import apiUrl from '../fixtures/prometheus-api/prometheus-docs_api_query_range_up.json?url';
import otlpMetricsUrl from '../fixtures/otlp-metrics/otel-spec_file-exporter_metrics_example.jsonl?url';
import otlpTracesUrl from '../fixtures/otlp-traces/jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json?url';
import jaegerUrl from '../fixtures/jaeger/jaeger_uimodel_ui_01_edge-cases.json?url';
import zipkinUrl from '../fixtures/zipkin/zipkin-lens_skew.json?url';
import { countChunks, deleteDataset, listDatasets } from '../../src/store/datasets';
import { startWorkers, type Workers } from '../../src/workers/spawn';
import { IMPORT_ERROR_KINDS, mutate } from '../unit/mutation-helpers';

let workers: Workers;
beforeAll(async () => {
  workers = await startWorkers(wasmUrl);
});
afterAll(() => workers.terminate());

interface StoreCounts {
  datasets: string[];
  chunks: number;
  traceChunks: number;
}

async function storeCounts(): Promise<StoreCounts> {
  return { datasets: (await listDatasets()).map((d) => d.id).sort(), chunks: await countChunks(), traceChunks: await countChunks(undefined, 'traceChunks') };
}

const importFile = (file: File) => workers.importer.importFile(crypto.randomUUID(), file, () => undefined);

const fixtures: [string, string][] = [
  ['grafana-comma-bom.csv', csvUrl],
  ['metrics-test.prom', promUrl],
  ['alltypes.om.txt', omUrl],
  ['query_range_up.json', apiUrl],
  ['metrics_example.jsonl', otlpMetricsUrl],
  ['anyvalue-edge-cases.json', otlpTracesUrl],
  ['ui_01_edge-cases.json', jaegerUrl],
  ['skew.json', zipkinUrl],
];

describe('mutated files through the import worker and the store', () => {
  it('15 mutants of each format: every failure is typed and leaves the store exactly as it was', async () => {
    let failures = 0;
    let imported = 0;
    for (const [name, url] of fixtures) {
      const original = new Uint8Array(await (await fetch(url)).arrayBuffer());
      expect(original.length).toBeGreaterThan(50);
      for (let seed = 1; seed <= 15; seed++) {
        const bytes = mutate(original, seed * 104729 + name.length);
        const before = await storeCounts();
        const r = await importFile(new File([bytes as Uint8Array<ArrayBuffer>], name));
        const where = `${name}, mutation seed ${seed * 104729 + name.length}`;
        if (r.ok) {
          imported++;
          expect((await storeCounts()).datasets, where).toEqual([...before.datasets, r.value.id].sort());
          expect(await deleteDataset(r.value.id), where).toBe(true);
          expect(await storeCounts(), where).toEqual(before);
        } else {
          failures++;
          expect(IMPORT_ERROR_KINDS.has(r.error.kind), where).toBe(true);
          expect(r.error.file, where).toBe(name);
          expect(await storeCounts(), where).toEqual(before);
        }
      }
    }
    expect(failures).toBeGreaterThan(10);
    expect(imported).toBeGreaterThan(10);
  });
});

describe('the default sample time in the worker', () => {
  it('an untimed scrape is dated at the File lastModified, and the warning names it', async () => {
    const lastModified = Date.UTC(2025, 1, 3, 4, 5, 6);
    const r = await importFile(new File(['# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n'], 'scrape.prom', { lastModified }));
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.start, r.value.end]).toEqual([lastModified, lastModified]);
    expect(r.value.warnings).toContain('No timestamps in file: samples dated at file modification time 2025-02-03T04:05:06.000Z.');
    await deleteDataset(r.value.id);
  });
});
