// `faultline scenario new`: fault specs (aliases, offsets, parameters), usage errors that list what is valid,
// and the session it writes (scenario, seed, dataset fingerprint; embedded and redacted when asked).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, parseOffset } from '../../src/cli/fault-spec';
import { readTelemetryFile } from '../../src/cli/io';
import { decodeSession } from '../../src/session/codec';
import { datasetFingerprint } from '../../src/session/fingerprint';
import { runCliCaptured } from './cli-helpers';
import { shopFiles } from './session-cli-data';

let files: { dir: string; shop: string; other: string };
beforeAll(async () => {
  files = await shopFiles();
});

describe('fault specs', () => {
  it('reads offsets, aliases, targets and parameters', () => {
    expect([parseOffset('90s'), parseOffset('5m'), parseOffset('1h'), parseOffset('250ms'), parseOffset('1.5h'), parseOffset('5'), parseOffset('0')]).toEqual([90_000, 300_000, 3_600_000, 250, 5_400_000, undefined, 0]);
    expect(parseFaultSpec('crash:cart@10m+5m')).toEqual({ kind: 'service-crash', startMs: 600_000, durationMs: 300_000, targets: ['cart'], downtimeMs: 300_000 });
    expect(parseFaultSpec('latency:payment@1h+10m:latencyMs=300,jitterMs=50')).toEqual({ kind: 'network-latency', startMs: 3_600_000, durationMs: 600_000, targets: ['payment'], latencyMs: 300, jitterMs: 50 });
    expect(parseFaultSpec('partition:a|b@0+2m:groupB=c|d,direction=both,healAtMs=90s')).toEqual({ kind: 'network-partition', startMs: 0, durationMs: 120_000, targets: ['a', 'b'], groupB: ['c', 'd'], direction: 'both', healAtMs: 90_000 });
  });

  it('refuses an unknown kind listing the kinds, and an unknown parameter listing the parameters', () => {
    expect(() => parseFaultSpec('meteor:cart@1m+1m')).toThrow(/unknown fault kind "meteor"; kinds: latency \(network-latency\).*partition \(network-partition\)/);
    expect(() => parseFaultSpec('latency:cart@1m+1m:latency=3')).toThrow(/unknown parameter "latency"; network-latency takes latencyMs, jitterMs, correlationPct, direction, probability|takes probability, latencyMs/);
    expect(() => parseFaultSpec('latency:cart@1m+1m')).toThrow(/latencyMs is required/);
    expect(() => parseFaultSpec('loss:cart@1m+1m:lossPct=150')).toThrow(/lossPct/);
    expect(() => parseFaultSpec('crash:cart@soon+1m')).toThrow(/START "soon" must be an offset/);
    expect(() => parseFaultSpec('crash cart')).toThrow(/is not KIND:TARGET@START\+DURATION/);
  });
});

describe('faultline scenario new', () => {
  it('writes a session referencing the dataset by fingerprint', async () => {
    const out = join(files.dir, 'crash.faultline');
    const r = await runCliCaptured('scenario', 'new', '--dataset', files.shop, '--fault', 'crash:shop@60m+20m', '--fault', 'cpu:shop@100m+10m:loadPct=80', '--seed', '7', '--name', 'shop crash', '-o', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const parsed = await readTelemetryFile(files.shop);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const fp = await datasetFingerprint(parsed.value.series, parsed.value.traces);
    expect(r.out).toContain(`SHA-256 ${fp}`);
    const s = await decodeSession(new Uint8Array(await readFile(out)));
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.session.scenario).toMatchObject({ name: 'shop crash', seed: 7, faults: [{ kind: 'service-crash', targets: ['shop'], startMs: 3_600_000 }, { kind: 'cpu-spike', loadPct: 80 }] });
    expect(s.value.session.dataset).toEqual({ name: 'shop.csv', fingerprint: fp });
    expect(s.value.embedded).toBeUndefined();
  });

  it('embeds (and redacts) the data when asked', async () => {
    const out = join(files.dir, 'redacted.faultline');
    const r = await runCliCaptured('scenario', 'new', '--dataset', files.shop, '--fault', 'crash:shop@60m+20m', '--redact', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/embedded, redacted/);
    const s = await decodeSession(new Uint8Array(await readFile(out)));
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.session.redacted).toBe(true);
    expect(s.value.session.dataset.name).toBe('service-1');
    expect(s.value.session.scenario.faults[0].targets).toEqual(['service-1']);
    expect(s.value.embedded?.series).toHaveLength(4);
  });

  it('usage errors: unknown kind, unknown service, missing flags', async () => {
    const out = join(files.dir, 'x.faultline');
    let r = await runCliCaptured('scenario', 'new', '--dataset', files.shop, '--fault', 'meteor:shop@1m+1m', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown fault kind "meteor"; kinds: latency/);
    r = await runCliCaptured('scenario', 'new', '--dataset', files.shop, '--fault', 'crash:cart@1m+1m', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/service "cart" is not in the dataset \(services: shop\)/);
    r = await runCliCaptured('scenario', 'new', '--fault', 'crash:cart@1m+1m', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--dataset FILE\.\.\. is required/);
    r = await runCliCaptured('scenario', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/KIND:TARGET@START\+DURATION/);
  });
});
