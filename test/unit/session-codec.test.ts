// Session files: export → import round trip (scenario, view and embedded data unchanged), and hostile files
// rejected with a readable message naming where: oversized, inflation bomb, truncated, not gzip, not JSON,
// wrong types, future version, bad fingerprint; markup in labels kept as inert text.
import { describe, expect, it } from 'vitest';
import { buildSession } from '../../src/session/build';
import { decodeSession, encodeSession, isSessionBytes } from '../../src/session/codec';
import { datasetFingerprint } from '../../src/session/fingerprint';
import { gzipBytes } from '../../src/session/gzip-bytes';
import { sessionScenario, sessionSeries, sessionTraces } from './session-fixtures';

const json = (x: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(x));

async function exported(embed: boolean) {
  return buildSession({ series: sessionSeries(), traces: sessionTraces(), name: 'shop.csv' }, sessionScenario(), { params: { tab: 'scorecard' } }, { embed, redact: false }, new Date('2026-01-01T00:00:00Z'));
}

async function rejectMessage(bytes: Uint8Array<ArrayBuffer>, limits?: { maxCompressedBytes: number; maxDecompressedBytes: number }) {
  const r = await decodeSession(bytes, limits);
  if (r.ok) throw new Error('expected a rejection');
  return r.error;
}

describe('session round trip', () => {
  it('gives back the same scenario, view and data, with the fingerprint of the data', async () => {
    const s = await exported(true);
    const bytes = await encodeSession(s);
    expect(await isSessionBytes(bytes)).toBe(true);
    const r = await decodeSession(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.session.scenario).toEqual(sessionScenario());
    expect(r.value.session.view).toEqual({ params: { tab: 'scorecard' } });
    expect(r.value.session.created).toBe('2026-01-01T00:00:00.000Z');
    const data = r.value.embedded!;
    expect(data.series.map((x) => x.labels)).toEqual(sessionSeries().map((x) => x.labels));
    expect(Number.isNaN(data.series[1].v[3])).toBe(true);
    expect(data.traces?.services).toEqual(['checkout', 'payment']);
    expect(await datasetFingerprint(data.series, data.traces)).toBe(s.dataset.fingerprint);
    expect(s.dataset.fingerprint).toBe(await datasetFingerprint(sessionSeries(), sessionTraces()));
  });

  it('round-trips columns of many base64 slices exactly', async () => {
    const t = Float64Array.from({ length: 20_001 }, (_, i) => 1_700_000_000_000 + i * 1000);
    const v = Float64Array.from(t, (_, i) => Math.sin(i) * 1e6);
    const s = await buildSession({ series: [{ name: 'big', labels: {}, t, v }], name: 'big.csv' }, sessionScenario(), { params: {} }, { embed: true, redact: false });
    const r = await decodeSession(await encodeSession(s));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.embedded!.series[0].t).toEqual(t);
    expect(r.value.embedded!.series[0].v).toEqual(v);
  });

  it('references the dataset by name and fingerprint when not embedded', async () => {
    const r = await decodeSession(await encodeSession(await exported(false)));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.embedded).toBeUndefined();
    expect(r.value.session.dataset.name).toBe('shop.csv');
    expect(r.value.session.dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the fingerprint changes with one value, one label or the series order', async () => {
    const base = await datasetFingerprint(sessionSeries());
    const a = sessionSeries();
    a[0].v[10] += 1e-9;
    const b = sessionSeries();
    b[0].labels.region = 'eu-east';
    const c = sessionSeries().reverse();
    const fps = [base, await datasetFingerprint(a), await datasetFingerprint(b), await datasetFingerprint(c)];
    expect(new Set(fps).size).toBe(4);
    const d = sessionSeries();
    d[0].labels = { region: 'eu-west', service: 'checkout' }; // same labels, other key order
    expect(await datasetFingerprint(d)).toBe(base);
  });
});

describe('hostile session files', () => {
  it('refuses a file over the compressed limit before reading it', async () => {
    const e = await rejectMessage(await encodeSession(await exported(true)), { maxCompressedBytes: 100, maxDecompressedBytes: 1e9 });
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/more than the 0\.00 MB a session may be/);
  });

  it('stops inflating a decompression bomb at the limit', async () => {
    const bomb = await gzipBytes(new Uint8Array(20 * 1024 * 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const e = await rejectMessage(bomb, { maxCompressedBytes: 1e9, maxDecompressedBytes: 1024 * 1024 });
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/inflates to more than 1 MB/);
  });

  it('says a truncated gzip is damaged', async () => {
    const bytes = await encodeSession(await exported(true));
    const e = await rejectMessage(bytes.slice(0, bytes.length - 20));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/damaged or cut short/);
  });

  it('says plain JSON or CSV is not a session, naming byte 0', async () => {
    const e = await rejectMessage(json(await exported(false)));
    expect(e.kind).toBe('not-gzip');
    expect(e.where).toBe('byte 0');
    expect(await isSessionBytes(new TextEncoder().encode('time,value\n1,2\n'))).toBe(false);
  });

  it('says gzip of non-JSON, and JSON of another format, is not a session', async () => {
    expect((await rejectMessage(await gzipBytes(new TextEncoder().encode('time,value\n')))).kind).toBe('not-json');
    const other = await rejectMessage(await gzipBytes(json({ resourceSpans: [] })));
    expect(other.kind).toBe('not-session');
    expect(await isSessionBytes(await gzipBytes(json({ resourceSpans: [] })))).toBe(false);
  });

  it('rejects a future version with the versions named', async () => {
    const s = { ...(await exported(false)), version: 2 };
    const e = await rejectMessage(await gzipBytes(json(s)));
    expect(e.kind).toBe('future-version');
    expect(e.message).toContain('made by a newer Faultline (version 2); this one reads version 1');
  });

  it('names the JSON path of a wrong type or out-of-range value', async () => {
    const s = await exported(false);
    const wrongType = JSON.parse(JSON.stringify(s));
    wrongType.scenario.faults[0].durationMs = '2m';
    let e = await rejectMessage(await gzipBytes(json(wrongType)));
    expect(e.kind).toBe('invalid');
    expect(e.where).toBe('scenario.faults[0].durationMs');
    const badSeed = JSON.parse(JSON.stringify(s));
    badSeed.scenario.seed = -1;
    e = await rejectMessage(await gzipBytes(json(badSeed)));
    expect(e.where).toBe('scenario.seed');
    const badPolicy = JSON.parse(JSON.stringify(s));
    badPolicy.scenario.policies['checkout>payment'].retry.maxAttempts = 0;
    e = await rejectMessage(await gzipBytes(json(badPolicy)));
    expect(e.where).toBe('scenario.policies["checkout>payment"].retry.maxAttempts');
    const badKind = JSON.parse(JSON.stringify(s));
    badKind.scenario.faults[1].kind = 'meteor';
    e = await rejectMessage(await gzipBytes(json(badKind)));
    expect(e.where).toBe('scenario.faults[1].kind');
    const badSlo = JSON.parse(JSON.stringify(s));
    badSlo.scenario.slos[0].name = 'Not A Label';
    e = await rejectMessage(await gzipBytes(json(badSlo)));
    expect(e.where).toBe('scenario.slos[0]');
    expect(e.message).toMatch(/RFC 1123/);
  });

  it('refuses a prototype-reaching key', async () => {
    const text = JSON.stringify(await exported(false)).replace('"checkout>payment"', '"__proto__"');
    const e = await rejectMessage(await gzipBytes(new TextEncoder().encode(text)));
    expect(e.kind).toBe('invalid');
    expect(({} as Record<string, unknown>).timeoutMs).toBeUndefined();
  });

  it('rejects embedded data that does not hash to the stated fingerprint', async () => {
    const s = await exported(true);
    const tampered = await buildSession({ series: sessionSeries().slice(0, 2), name: 'x' }, sessionScenario(), { params: {} }, { embed: true, redact: false });
    const e = await rejectMessage(await encodeSession({ ...s, dataset: { ...s.dataset, embedded: tampered.dataset.embedded } }));
    expect(e.kind).toBe('fingerprint');
    expect(e.where).toBe('dataset.fingerprint');
    expect(e.message).toMatch(/does not match its fingerprint/);
  });

  it('rejects embedded trace columns pointing outside their tables', async () => {
    const s = await exported(true);
    const bad = JSON.parse(JSON.stringify(s));
    bad.dataset.embedded.traces['serviceIdx'] = { type: 'u32', data: 'AAAAAAEAAAAJAAAA' }; // 0, 1, 9
    const e = await rejectMessage(await gzipBytes(json(bad)));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/serviceIdx row 2 points to 9/);
  });

  it('keeps markup in labels as plain text', async () => {
    const r = await decodeSession(await encodeSession(await exported(true)));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.embedded!.series[2].labels.service).toBe('<script>alert(1)</script>');
  });
});
