// Import progress arithmetic (percent, MB/s, ETA; unknown total shows MB only) and the chunk sources
// (bytes, Blob, Node file) delivering the same bytes with cumulative counts and one eof.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProgress, etaSeconds, progressPercent, throughputMBps } from '../../src/formats/progress';
import { blobSource, bytesSource } from '../../src/formats/sources';
import { nodeFileSource } from '../../src/formats/node-source';
import type { Chunk, ChunkSource } from '../../src/formats/types';
import { fixtureDir } from './csv-helpers';

describe('progress arithmetic', () => {
  it('percent of cumulative bytes, clamped, undefined for an unknown total', () => {
    expect(progressPercent(25, 100)).toBe(25);
    expect(progressPercent(150, 100)).toBe(100);
    expect(progressPercent(10, 0)).toBeUndefined();
  });

  it('MB/s (10^6 bytes) and ETA from the average rate so far', () => {
    expect(throughputMBps(50e6, 500)).toBe(100);
    expect(throughputMBps(1, 0)).toBeUndefined();
    expect(etaSeconds(25e6, 100e6, 1000)).toBe(3);
    expect(etaSeconds(0, 100e6, 1000)).toBeUndefined();
    expect(etaSeconds(10, 0, 1000)).toBeUndefined();
  });

  it('one line: percent, MB of MB, rate, time left; MB only when the total is unknown', () => {
    expect(describeProgress(25e6, 100e6, 1000).text).toBe('25% · 25.0 of 100.0 MB · 25.0 MB/s · 3 s left');
    expect(describeProgress(12.34e6, 0, 2000).text).toBe('12.3 MB read · 6.2 MB/s');
    expect(describeProgress(100e6, 100e6, 1000).text).toBe('100% · 100.0 of 100.0 MB · 100.0 MB/s');
    expect(describeProgress(1e6, 200e6, 1000).text).toMatch(/3 min 19 s left$/);
  });
});

async function drain(src: ChunkSource): Promise<{ bytes: number[]; chunks: Chunk[] }> {
  const chunks: Chunk[] = [];
  for (;;) {
    const c = await src.readChunk();
    chunks.push({ ...c, data: c.data.slice() });
    if (c.eof) break;
  }
  return { bytes: chunks.flatMap((c) => Array.from(c.data)), chunks };
}

describe('chunk sources', () => {
  const path = resolve(fixtureDir, 'grafana-semicolon.csv');
  const bytes = new Uint8Array(readFileSync(path));

  it.each([
    ['bytesSource', () => bytesSource(bytes, 'x.csv', 100)],
    ['blobSource', () => blobSource(new Blob([bytes]), 'x.csv', 100)],
    ['nodeFileSource', () => nodeFileSource(path, 100)],
  ] as const)('%s delivers every byte in 100-byte chunks with cumulative counts', async (_, make) => {
    const { bytes: got, chunks } = await drain(make());
    expect(got).toEqual(Array.from(bytes));
    expect(chunks.map((c) => c.bytesRead)).toEqual(chunks.map((_, i) => Math.min(bytes.length, (i + 1) * 100)));
    expect(chunks.every((c) => c.bytesTotal === bytes.length)).toBe(true);
    expect(chunks.filter((c) => c.eof)).toHaveLength(1);
  });

  it('an empty blob gives one empty eof chunk', async () => {
    const { chunks } = await drain(blobSource(new Blob([]), 'e.csv'));
    expect(chunks).toEqual([{ data: new Uint8Array(0), bytesRead: 0, bytesTotal: 0, eof: true }]);
  });
});
