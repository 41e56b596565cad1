// `faultline replay`: scenario new → replay → the JSON shape with the crash detected; the same SHA-256 twice,
// from --data and from embedded data, and equal to runScenario's over the parsed file; missing or other data refused.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/chaos/scenario-run';
import { readTelemetryFile } from '../../src/cli/io';
import { loadKernelsNode } from '../../src/kernels/node';
import { decodeSession, encodeSession } from '../../src/session/codec';
import { buildSession } from '../../src/session/build';
import { runCliCaptured } from './cli-helpers';
import { SHOP_START, shopFiles } from './session-cli-data';

interface ReplayJson {
  sha256: string;
  faults: { kind: string; target: string; start: string; end: string; detected: boolean; timeToDetectMs: number | null; detectedBy: string[] }[];
  falseAlarms: number;
  sloBudgetBurned: Record<string, number>;
  policies: Record<string, { withoutPct: number; withPct: number; text: string }>;
}

let files: { dir: string; shop: string; other: string };
let referenced: string;
let embedded: string;
beforeAll(async () => {
  files = await shopFiles();
  referenced = join(files.dir, 'ref.faultline');
  embedded = join(files.dir, 'emb.faultline');
  const spec = ['--dataset', files.shop, '--fault', 'crash:shop@60m+20m', '--seed', '7'];
  expect((await runCliCaptured('scenario', 'new', ...spec, '-o', referenced)).code).toBe(0);
  expect((await runCliCaptured('scenario', 'new', ...spec, '--embed', '-o', embedded)).code).toBe(0);
});

async function replayJson(...argv: string[]): Promise<ReplayJson> {
  const r = await runCliCaptured('replay', ...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as ReplayJson;
}

describe('faultline replay', () => {
  it('prints the scorecard JSON with the crash detected', async () => {
    const j = await replayJson(referenced, '--data', files.shop);
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.faults).toHaveLength(1);
    const f = j.faults[0];
    expect(f).toMatchObject({ kind: 'service-crash', target: 'shop', start: new Date(SHOP_START + 3_600_000).toISOString(), end: new Date(SHOP_START + 4_800_000).toISOString(), detected: true });
    expect(f.timeToDetectMs).toBeGreaterThanOrEqual(0);
    expect(f.detectedBy.length).toBeGreaterThan(0);
    expect(typeof j.falseAlarms).toBe('number');
    expect(j.sloBudgetBurned).toEqual({});
    expect(j.policies).toBeTypeOf('object');
  });

  it('gives the same SHA-256 twice, from --data and from embedded data, equal to runScenario over the file', async () => {
    const a = await replayJson(referenced, '--data', files.shop);
    const b = await replayJson(referenced, '--data', files.shop);
    const c = await replayJson(embedded);
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).toBe(a.sha256);
    const parsed = await readTelemetryFile(files.shop);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const session = await decodeSession(new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(referenced))));
    if (!session.ok) throw new Error(session.error.message);
    const run = await runScenario({ series: parsed.value.series, datasetName: 'shop.csv' }, session.value.session.scenario, await loadKernelsNode());
    if (typeof run === 'string') throw new Error(run);
    expect(run.sha256).toBe(a.sha256);
  });

  it('export → import round trip gives the same scenario and the same runScenario SHA-256', async () => {
    const parsed = await readTelemetryFile(files.shop);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const kernels = await loadKernelsNode();
    const original = await decodeSession(new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(referenced))));
    if (!original.ok) throw new Error(original.error.message);
    const scenario = original.value.session.scenario;
    const data = { series: parsed.value.series, datasetName: 'shop.csv' };
    const before = await runScenario(data, scenario, kernels);
    const again = await decodeSession(await encodeSession(await buildSession({ ...parsed.value, name: 'shop.csv' }, scenario, { params: {} }, { embed: true, redact: false })));
    if (!again.ok || typeof before === 'string') throw new Error('round trip failed');
    expect(again.value.session.scenario).toEqual(scenario);
    const after = await runScenario({ ...again.value.embedded!, datasetName: again.value.session.dataset.name }, again.value.session.scenario, kernels);
    if (typeof after === 'string') throw new Error(after);
    expect(after.sha256).toBe(before.sha256);
  });

  it('a redacted session still replays with its fault detected', async () => {
    const out = join(files.dir, 'red.faultline');
    expect((await runCliCaptured('scenario', 'new', '--dataset', files.shop, '--fault', 'crash:shop@60m+20m', '--seed', '7', '--redact', '-o', out)).code).toBe(0);
    const j = await replayJson(out);
    expect(j.faults[0]).toMatchObject({ target: 'service-1', detected: true });
  });

  it('exits 1 with a reason when the data is missing or does not match the fingerprint', async () => {
    let r = await runCliCaptured('replay', referenced, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/this session needs the dataset shop\.csv \(SHA-256 [0-9a-f]{12}…\); pass its files with --data/);
    r = await runCliCaptured('replay', referenced, '--data', files.other);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/hash to SHA-256 [0-9a-f]{12}…, but the session needs the dataset shop\.csv/);
    r = await runCliCaptured('replay', files.shop);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a Faultline session/);
  });

  it('prints a readable table without --json', async () => {
    const r = await runCliCaptured('replay', embedded);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service-crash\s+shop/);
    expect(r.out).toMatch(/SHA-256 [0-9a-f]{64}/);
  });
});
