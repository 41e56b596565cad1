// Sessions against real Chromium IndexedDB: a file imported and read back from the store has the fingerprint
// the CLI computes for it; export → delete → import stores the embedded data once and reuses it; a session
// whose dataset is missing asks for it by name and fingerprint; share links round-trip.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION } from '../../src/analysis/detectors/run-types';
import type { Scenario } from '../../src/chaos/scenario';
import { parseSource } from '../../src/formats/registry';
import { blobSource } from '../../src/formats/sources';
import { datasetFingerprint } from '../../src/session/fingerprint';
import { readContent } from '../../src/session/stored';
import { deleteDataset, getDataset, listDatasets, storeDataset } from '../../src/store/datasets';
import { getDocument } from '../../src/store/documents';
import { sessionHandlers } from '../../src/workers/session-handlers';
import type { WorkerContext } from '../../src/workers/worker-context';

const PINNED: Record<string, string> = {
  'test/fixtures/csv/iso-offsets.csv': '97096284083d257c6128336ae7e00cace4aa62d82d86397177094d49ddbc57d7',
  'test/fixtures/jaeger/jaeger-ui_otlp2jaeger-out.json': '4b1439917baab1afda113df2e10ecb411ff44629b46e5d8873ebf6300db965ef',
};

const ctx: WorkerContext = {
  kernels: () => {
    throw new Error('not used');
  },
  engine: () => {
    throw new Error('not used');
  },
};
const api = sessionHandlers(ctx);

async function importFixture(path: string): Promise<string> {
  const res = await fetch('/' + path);
  const file = new File([await res.blob()], path.split('/').pop() ?? path, { lastModified: 1_700_000_000_000 });
  const parsed = await parseSource(blobSource(file, file.name), { defaultSampleTime: { ms: file.lastModified, source: 'file modification time' } });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const stored = await storeDataset({ name: file.name, fileName: file.name, format: parsed.value.format, bytes: file.size, warnings: [] }, parsed.value.series, { chunkPoints: 7 }, parsed.value.traces);
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value.id;
}

const scenario = (target: string): Scenario => ({
  version: 1, name: 'crash', seed: 7, faults: [{ kind: 'service-crash', startMs: 1000, durationMs: 5000, targets: [target], downtimeMs: 2000 }],
  policies: {}, replay: {}, detection: DEFAULT_DETECTION, slos: [],
});

describe('session fingerprints in the browser', () => {
  for (const [path, expected] of Object.entries(PINNED)) {
    it(`${path} stored in IndexedDB and read back hashes to what the CLI computes`, async () => {
      const id = await importFixture(path);
      const meta = (await getDataset(id))!;
      const content = await readContent(meta);
      expect(await datasetFingerprint(content.series, content.traces)).toBe(expected);
      expect(await api.datasetFingerprint(id)).toBe(expected);
      await deleteDataset(id);
    });
  }
});

describe('session export and import through the store', () => {
  it('embedded: import after deleting the dataset stores it again; a second import reuses it', async () => {
    const id = await importFixture('test/fixtures/jaeger/jaeger-ui_otlp2jaeger-out.json');
    const meta = (await getDataset(id))!;
    const target = meta.services![0];
    const out = await api.exportSession(id, scenario(target), { params: { tab: 'scorecard' } }, { embed: true, redact: false });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.fileName).toBe('jaeger-ui_otlp2jaeger-out.faultline');
    expect(await api.isSessionFile(new Blob([out.bytes.slice()]))).toBe(true);
    await deleteDataset(id);
    const first = await api.importSession(out.bytes.slice());
    if (!first.ok) throw new Error(first.error.message);
    expect(first.reused).toBe(false);
    expect(first.session.scenario).toEqual(scenario(target));
    expect(first.session.view.params).toEqual({ tab: 'scorecard' });
    expect(JSON.parse((await getDocument(first.datasetId, 'scenario'))!.text)).toEqual(scenario(target));
    expect(await api.datasetFingerprint(first.datasetId)).toBe(out.fingerprint);
    const second = await api.importSession(new Blob([out.bytes.slice()]));
    if (!second.ok) throw new Error(second.error.message);
    expect(second.reused).toBe(true);
    expect(second.datasetId).toBe(first.datasetId);
    await deleteDataset(first.datasetId);
  });

  it('referenced: a missing dataset is asked for by name and fingerprint; once imported the session opens', async () => {
    const id = await importFixture('test/fixtures/csv/iso-offsets.csv');
    const out = await api.exportSession(id, scenario('web'), { params: {} }, { embed: false, redact: false });
    if (!out.ok) throw new Error(out.error.message);
    await deleteDataset(id);
    const missing = await api.importSession(out.bytes.slice());
    if (missing.ok) throw new Error('expected missing-dataset');
    expect(missing.error.kind).toBe('missing-dataset');
    expect(missing.error.message).toBe(`This session needs the dataset iso-offsets.csv (SHA-256 ${PINNED['test/fixtures/csv/iso-offsets.csv'].slice(0, 12)}…); import that file, then open the session again.`);
    const again = await importFixture('test/fixtures/csv/iso-offsets.csv');
    const opened = await api.importSession(out.bytes.slice());
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.datasetId).toBe(again);
    expect(opened.reused).toBe(true);
    await deleteDataset(again);
  });

  it('share link: the fragment round-trips; a damaged one is refused readably', async () => {
    const id = await importFixture('test/fixtures/csv/iso-offsets.csv');
    const link = await api.shareLink(id, scenario('web'), { params: { zoom: '1-2' } });
    if (!link.ok) throw new Error(link.error.message);
    expect(link.fragment).toMatch(/^#\/session\/[A-Za-z0-9_-]+$/);
    const opened = await api.importLink(link.fragment.slice('#/session/'.length));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.datasetId).toBe(id);
    expect(opened.session.view.params).toEqual({ zoom: '1-2' });
    const bad = await api.importLink('not base64!');
    expect(bad.ok).toBe(false);
    await deleteDataset(id);
    expect((await listDatasets()).some((d) => d.id === id)).toBe(false);
  });
});
