// Gzip-compressed input for every format: the magic bytes 1f 8b, and a ChunkSource that inflates another
// one through the platform's DecompressionStream('gzip') (browsers, workers, Node 20) with back-pressure.

import type { ImportError } from '../model/errors';
import type { Chunk, ChunkSource } from './types';

/** True when the bytes start with the gzip magic number (RFC 1952: 1f 8b, method 08 = deflate). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

/** Decompressed bytes are handed on in chunks of about this size (small inflate outputs are joined). */
export const GUNZIP_CHUNK_BYTES = 1024 * 1024;

export interface GunzipSource extends ChunkSource {
  /** Set when the compressed data was corrupt or truncated: a 'corrupt' error naming the compressed offset. */
  failure(): ImportError | undefined;
  /** Decompressed bytes delivered so far. */
  inflatedBytes(): number;
}

/**
 * Inflates `src` lazily: compressed chunks are written only while the consumer reads, so at most a chunk
 * or two is buffered. Chunks report progress in *compressed* bytes (bytesRead / bytesTotal of the file),
 * so percent and MB/s describe the file on disk; `data` is decompressed.
 */
export function gunzipSource(src: ChunkSource, chunkBytes = GUNZIP_CHUNK_BYTES): GunzipSource {
  const file = src.name;
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let compressedRead = 0;
  let compressedTotal = 0;
  let inflated = 0;
  let failed: ImportError | undefined;
  let pumping: Promise<void> | undefined;
  let done = false;

  const corruptGzip = (why: string): ImportError => ({
    kind: 'corrupt',
    file,
    offset: compressedRead,
    expected: 'valid gzip data',
    message: `${file}: the gzip data is corrupt or truncated (within the first ${compressedRead} compressed bytes): ${why}`,
  });

  // Writes every compressed chunk in turn; writer.write waits while the decompressed side is not read.
  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        let c: Chunk;
        try {
          c = await src.readChunk();
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          failed = { kind: 'internal', file, message: `${file}: reading failed after ${compressedRead} bytes: ${why}` };
          await writer.abort(e).catch(() => undefined);
          return;
        }
        compressedRead = c.bytesRead;
        compressedTotal = c.bytesTotal;
        if (c.data.length > 0) await writer.write(c.data as Uint8Array<ArrayBuffer>);
        if (c.eof) break;
      }
      await writer.close();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (!failed) failed = corruptGzip(why);
      await writer.abort(e).catch(() => undefined);
    }
  };

  return {
    name: file,
    failure: () => failed,
    inflatedBytes: () => inflated,
    async readChunk(): Promise<Chunk> {
      pumping ??= pump();
      const parts: Uint8Array[] = [];
      let size = 0;
      while (!done && size < chunkBytes) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          if (!failed) failed = corruptGzip(why);
          throw new Error(failed.message);
        }
        if (r.done) {
          done = true;
          await pumping;
          if (failed) throw new Error(failed.message);
          break;
        }
        parts.push(r.value);
        size += r.value.length;
      }
      let data: Uint8Array;
      if (parts.length === 1) data = parts[0];
      else {
        data = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          data.set(p, at);
          at += p.length;
        }
      }
      inflated += size;
      return { data, bytesRead: done ? compressedTotal || compressedRead : compressedRead, bytesTotal: compressedTotal, eof: done };
    },
  };
}
