// The Node-only ChunkSource: reads a file from disk with fs (kept apart so browser bundles never import fs).

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Chunk, ChunkSource } from './types';
import { DEFAULT_CHUNK_SIZE } from './sources';

/** Reads the file at `path` in chunks of `chunkSize` bytes; the handle is closed at the end or on error. */
export function nodeFileSource(path: string, chunkSize = DEFAULT_CHUNK_SIZE, name = basename(path)): ChunkSource {
  let offset = 0;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let total = 0;
  let closed = false;
  return {
    name,
    async readChunk(): Promise<Chunk> {
      if (closed) return { data: new Uint8Array(0), bytesRead: offset, bytesTotal: total, eof: true };
      try {
        if (!handle) {
          handle = await open(path, 'r');
          total = (await handle.stat()).size;
        }
        const buf = new Uint8Array(Math.max(1, Math.min(chunkSize, total - offset)));
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        offset += bytesRead;
        const eof = bytesRead === 0 || offset >= total;
        if (eof) {
          closed = true;
          await handle.close();
        }
        return { data: buf.subarray(0, bytesRead), bytesRead: offset, bytesTotal: total, eof };
      } catch (e) {
        closed = true;
        await handle?.close().catch(() => undefined);
        throw e;
      }
    },
  };
}
