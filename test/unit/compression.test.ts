// The file's compression is told to the user beside its format: ParsedFile.compression after gzip is
// unwrapped (format unchanged), "compression" in `faultline inspect --json`, and "(gzip)" in the UI's name.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datasetFormatName } from '../../src/ui/format-names';
import { runCliCaptured } from './cli-helpers';
import { parseOk } from './csv-helpers';
import { traceFixture } from './trace-helpers';

const otlp = traceFixture('otlp-traces', 'opentelemetry-proto_examples_trace.json');

describe('compression', () => {
  it('a gzip file parses to the same content, format unchanged, with compression "gzip"; a plain file has none', async () => {
    const plain = await parseOk(otlp, 'trace.json');
    const gz = await parseOk(new Uint8Array(gzipSync(otlp)), 'upload.bin');
    expect(plain.compression).toBeUndefined();
    expect(gz.format).toBe('otlp-traces');
    expect(gz.compression).toBe('gzip');
    expect({ ...gz, compression: undefined }).toEqual(plain);
  });

  it('gzip twice is still reported once as gzip', async () => {
    const gz = await parseOk(new Uint8Array(gzipSync(gzipSync(otlp))), 'twice.gz');
    expect([gz.format, gz.compression]).toEqual(['otlp-traces', 'gzip']);
  });

  it('inspect --json: "compression" beside "format" (null for a plain file); the table says "(gzip)"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-gz-'));
    writeFileSync(join(dir, 'plain.json'), otlp);
    writeFileSync(join(dir, 'blob'), gzipSync(otlp));
    const r = await runCliCaptured('inspect', '--json', join(dir, 'plain.json'), join(dir, 'blob'));
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.out) as { files: { format: string; compression: string | null; spans: number }[] }).files;
    expect(files.map((f) => [f.format, f.compression, f.spans])).toEqual([
      ['otlp-traces', null, 1],
      ['otlp-traces', 'gzip', 1],
    ]);
    const table = await runCliCaptured('inspect', join(dir, 'blob'));
    expect(table.out).toMatch(/blob\s+otlp-traces \(gzip\)/);
  });

  it('the UI names a compressed dataset "<format> (gzip)"', () => {
    expect(datasetFormatName({ format: 'otlp-traces', compression: 'gzip' })).toBe('OTLP/JSON traces (gzip)');
    expect(datasetFormatName({ format: 'csv' })).toBe('CSV');
  });
});
