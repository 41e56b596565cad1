// ChunkSources over a Blob / File (browser, worker and Node 20) and over bytes in memory, with an
// injectable chunk size (tests read at 100 bytes to exercise values split across chunks).

import type { Chunk, ChunkSource } from './types';

export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

/** Reads a Blob (or File) one `Blob.slice` at a time; each chunk is awaited by the consumer. */
export function blobSource(blob: Blob, name: string, chunkSize = DEFAULT_CHUNK_SIZE): ChunkSource {
  const total = blob.size;
  let offset = 0;
  return {
    name,
    async readChunk(): Promise<Chunk> {
      const end = Math.min(total, offset + chunkSize);
      const data = end > offset ? new Uint8Array(await blob.slice(offset, end).arrayBuffer()) : new Uint8Array(0);
      offset = end;
      return { data, bytesRead: offset, bytesTotal: total, eof: offset >= total };
    },
  };
}

/** Delivers bytes already in memory as chunks (views, no copies). */
export function bytesSource(bytes: Uint8Array, name: string, chunkSize = DEFAULT_CHUNK_SIZE): ChunkSource {
  const total = bytes.length;
  let offset = 0;
  return {
    name,
    async readChunk(): Promise<Chunk> {
      const end = Math.min(total, offset + chunkSize);
      const data = bytes.subarray(offset, end);
      offset = end;
      return { data, bytesRead: offset, bytesTotal: total, eof: offset >= total };
    },
  };
}

/** Delivers `head` (chunks already read from `src`, e.g. for sniffing) again, then the rest of `src`. */
export function replaySource(head: Chunk[], src: ChunkSource): ChunkSource {
  let next = 0;
  return {
    name: src.name,
    readChunk(): Promise<Chunk> {
      if (next < head.length) return Promise.resolve(head[next++]);
      return src.readChunk();
    },
  };
}
