// Gzip input: the magic sniff, inflating as a ChunkSource at any chunk size with compressed-byte progress,
// corrupt and truncated data as a 'corrupt' error, and gzip around every format through the registry.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipSource, isGzip } from '../../src/formats/gzip';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import type { ChunkSource } from '../../src/formats/types';
import { fixture as csvFixture, parseOk, text } from './csv-helpers';

async function drain(src: ChunkSource): Promise<{ bytes: Uint8Array; chunks: number; last: { bytesRead: number; bytesTotal: number } }> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const c = await src.readChunk();
    parts.push(c.data);
    if (c.eof) {
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      return { bytes, chunks: parts.length, last: c };
    }
  }
}

describe('gzip', () => {
  const body = text(Array.from({ length: 5000 }, (_, i) => `${i},${i * 2}\n`).join(''));
  const gz = new Uint8Array(gzipSync(body));

  it('sniffs the magic bytes', () => {
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(body)).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(false);
  });

  it('inflates at any input and output chunk size, reporting compressed bytes', async () => {
    for (const [inChunk, outChunk] of [[1 << 20, 1 << 20], [100, 1000], [7, 64]]) {
      const src = gunzipSource(bytesSource(gz, 'x.gz', inChunk), outChunk);
      const { bytes, chunks, last } = await drain(src);
      expect(bytes).toEqual(body);
      expect(last).toMatchObject({ bytesRead: gz.length, bytesTotal: gz.length });
      expect(src.inflatedBytes()).toBe(body.length);
      expect(src.failure()).toBeUndefined();
      if (outChunk === 64) expect(chunks).toBeGreaterThan(10);
    }
  });

  it('says where gzip data is corrupt or truncated', async () => {
    const flipped = gz.slice();
    flipped[flipped.length >> 1] ^= 0xff;
    for (const bad of [gz.subarray(0, gz.length - 10), flipped]) {
      const src = gunzipSource(bytesSource(bad, 'x.gz', 100));
      await expect(drain(src)).rejects.toThrow(/gzip data is corrupt or truncated/);
      expect(src.failure()).toMatchObject({ kind: 'corrupt', file: 'x.gz', expected: 'valid gzip data' });
    }
  });

  it('passes a read error of the underlying source on as internal', async () => {
    const failing: ChunkSource = { name: 'x.gz', readChunk: () => Promise.reject(new Error('disk gone')) };
    const src = gunzipSource(failing);
    await expect(src.readChunk()).rejects.toThrow();
    expect(src.failure()).toMatchObject({ kind: 'internal' });
  });

  it('imports a gzip CSV exactly like the plain file, and says so when the inside is unknown or empty', async () => {
    const csv = csvFixture('nab_ec2_cpu_utilization_24ae8d.csv');
    expect(await parseOk(new Uint8Array(gzipSync(csv)), 'blob')).toEqual({ ...(await parseOk(csv, 'blob')), compression: 'gzip' });
    const unknown = await parseSource(bytesSource(new Uint8Array(gzipSync(new Uint8Array([0, 1, 2, 3, 255]))), 'x.gz'));
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown-format', file: 'x.gz' } });
    const empty = await parseSource(bytesSource(new Uint8Array(gzipSync(new Uint8Array(0))), 'x.gz'));
    expect(empty).toMatchObject({ ok: false, error: { kind: 'empty' } });
    const cut = await parseSource(bytesSource(gz.subarray(0, 40), 'x.gz'));
    expect(cut).toMatchObject({ ok: false, error: { kind: 'corrupt', expected: 'valid gzip data' } });
  });

  it('is cancellable while inflating', async () => {
    let calls = 0;
    const r = await parseSource(bytesSource(new Uint8Array(gzipSync(csvFixture('nab_ec2_cpu_utilization_24ae8d.csv'))), 'x.gz', 1000), { isCancelled: () => ++calls > 3 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});
