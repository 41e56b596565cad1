// Broken inputs give the right ImportError kind, naming the file and the 1-based line (same at
// 100-byte chunks); cancellation and progress are reported per chunk; nothing throws.

import { describe, expect, it } from 'vitest';
import { parseTwice, text } from './csv-helpers';
import { parseSource } from '../../src/formats/registry';
import { csvFormat } from '../../src/formats/csv';
import { bytesSource } from '../../src/formats/sources';
import type { ImportError } from '../../src/model/errors';

async function errorOf(input: string | Uint8Array, name = 'broken.csv'): Promise<ImportError> {
  const r = await parseTwice(typeof input === 'string' ? text(input) : input, name);
  if (r.ok) throw new Error('expected an error');
  expect(r.error.file).toBe(name);
  expect(r.error.message).toContain(name);
  return r.error;
}

function lineOf(e: ImportError): number | undefined {
  return e.kind === 'corrupt' ? e.line : undefined;
}

const padding = Array.from({ length: 40 }, (_, i) => `2024-05-01 00:${String(i).padStart(2, '0')}:00,${i}.5`).join('\n');

describe('broken CSV input', () => {
  it('a ragged row: corrupt at its line, expecting the header width', async () => {
    const e = await errorOf(`timestamp,value\n${padding}\n2024-05-01 01:00:00,1,2\n`);
    expect(e.kind).toBe('corrupt');
    expect(lineOf(e)).toBe(42);
    expect(e.kind === 'corrupt' && e.expected).toMatch(/2 fields like the header on line 1/);
  });

  it('a non-numeric value: corrupt at its line, naming the column', async () => {
    const e = await errorOf(`timestamp,cpu\n${padding}\n2024-05-01 01:00:00,high\n`);
    expect(lineOf(e)).toBe(42);
    expect(e.message).toMatch(/number .*column "cpu".*found "high"/);
  });

  it('a bad timestamp: corrupt at its line, saying which encoding was expected', async () => {
    const e = await errorOf(`timestamp,value\n${padding}\n2024-13-01 00:00:00,1\n`);
    expect(lineOf(e)).toBe(42);
    expect(e.message).toMatch(/2024-05-01 12:00:00.*found "2024-13-01 00:00:00"/);
  });

  it('an unparseable first timestamp: corrupt at line 2', async () => {
    const e = await errorOf('time,value\nyesterday,1\n');
    expect(e.kind).toBe('unknown-format'); // the sniffer already refuses it: no row has a timestamp
    const direct = await csvFormat.parse(bytesSource(text('time,value\nyesterday,1\n'), 'direct.csv'));
    expect(!direct.ok && direct.error.kind === 'corrupt' && direct.error.line).toBe(2);
  });

  it('counts lines inside quoted multi-line fields and CRLF line ends', async () => {
    const e = await errorOf('"time","requests\r\nper second"\r\n1714564800000,1\r\n1714564860000,x\r\n');
    expect(lineOf(e)).toBe(4);
  });

  it('an unterminated quote: corrupt at the line where the field starts', async () => {
    const e = await errorOf('time,value\n1714564800,1\n1714564860,"2\n');
    expect(lineOf(e)).toBe(3);
    expect(e.message).toMatch(/closing quote/);
  });

  it('an empty file: kind empty', async () => {
    expect((await errorOf('')).kind).toBe('empty');
    expect((await errorOf('\ufeff\n\n')).kind).toBe('empty');
  });

  it('a header only: kind empty, naming the header line', async () => {
    const e = await errorOf('timestamp,value\r\n');
    expect(e.kind).toBe('empty');
    expect(e.message).toMatch(/header on line 1 but no data rows/);
  });

  it('binary garbage: unknown format, listing what is supported', async () => {
    const bytes = new Uint8Array(3000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const e = await errorOf(bytes, 'dump.bin');
    expect(e.kind).toBe('unknown-format');
    expect(e.kind === 'unknown-format' && e.supported).toContain('CSV time series');
  });

  it('a one-column text file: unknown format', async () => {
    expect((await errorOf('hello\nworld\n')).kind).toBe('unknown-format');
  });

  it('cancellation between chunks: kind cancelled', async () => {
    let chunks = 0;
    const r = await parseSource(bytesSource(text(`timestamp,value\n${padding}\n`), 'big.csv', 100), {
      onProgress: () => chunks++,
      isCancelled: () => chunks >= 3,
    });
    expect(!r.ok && r.error.kind).toBe('cancelled');
  });

  it('progress is reported per chunk with cumulative bytes', async () => {
    const bytes = text(`timestamp,value\n${padding}\n`);
    const seen: number[] = [];
    const r = await parseSource(bytesSource(bytes, 'p.csv', 100), { onProgress: (p) => seen.push(p.bytesRead) });
    expect(r.ok).toBe(true);
    expect(seen).toHaveLength(Math.ceil(bytes.length / 100));
    expect(seen[seen.length - 1]).toBe(bytes.length);
    expect(seen.every((b, i) => i === 0 || b > seen[i - 1])).toBe(true);
  });

  it('a source that fails to read: kind internal, no throw', async () => {
    const r = await parseSource({ name: 'gone.csv', readChunk: () => Promise.reject(new Error('EIO')) });
    expect(!r.ok && r.error.kind).toBe('internal');
  });
});

describe('runaway records', () => {
  it('a quote left open at the start of a large file stops at 16 MiB with the line, not at the end', async () => {
    const head = text('time,value\n1714564800,1\n1714564860,"2\n');
    const bytes = new Uint8Array(20 * 1024 * 1024);
    bytes.set(head);
    bytes.fill(49, head.length); // '1' * 20 MiB: the open quote swallows it all
    const r = await parseSource(bytesSource(bytes, 'open-quote.csv', 1024 * 1024));
    expect(!r.ok && r.error.kind === 'corrupt' && r.error.line).toBe(3);
  });
});
