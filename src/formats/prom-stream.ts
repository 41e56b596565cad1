// Chunks → runs of complete lines for the line-based exposition parsers: a line cut by a chunk end is
// finished in a growable carry buffer (amortised, so a 1 MB line read at 100-byte chunks stays linear).

import { corrupt, type ImportError } from '../model/errors';
import type { ChunkSource, ParseOptions } from './types';
import { ByteCarry } from './byte-carry';

/** A line longer than this is refused instead of buffered. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface LineConsumer {
  /** bytes[start, end) holds complete lines; the last one lacks its line feed only at the end of the file. */
  feed(bytes: Uint8Array, start: number, end: number): ImportError | undefined;
  /** Lines read so far (the line being read is the next one). */
  readonly line: number;
}

/** Streams `src` into `consumer`; an ImportError when reading, cancelling or the consumer fails. */
export async function streamLines(src: ChunkSource, opts: ParseOptions, consumer: LineConsumer): Promise<ImportError | undefined> {
  const file = src.name;
  const carry = new ByteCarry();
  let bytesRead = 0;
  try {
    for (;;) {
      if (opts.isCancelled?.()) return { kind: 'cancelled', file, message: `${file}: import cancelled` };
      const chunk = await src.readChunk();
      bytesRead = chunk.bytesRead;
      let data = chunk.data;
      if (carry.length > 0) {
        const nl = data.indexOf(10);
        if (nl < 0 && !chunk.eof) {
          carry.append(data);
          if (carry.length > MAX_LINE_BYTES) {
            return corrupt(file, consumer.line + 1, 'a line shorter than 16 MiB');
          }
          opts.onProgress?.({ bytesRead: chunk.bytesRead, bytesTotal: chunk.bytesTotal, phase: 'parsing' });
          continue;
        }
        const take = nl < 0 ? data.length : nl + 1;
        carry.append(data.subarray(0, take));
        const failed = consumer.feed(carry.bytes, 0, carry.length);
        if (failed) return failed;
        carry.length = 0;
        data = data.subarray(take);
      }
      const cut = chunk.eof ? data.length : data.lastIndexOf(10) + 1;
      if (cut > 0) {
        const failed = consumer.feed(data, 0, cut);
        if (failed) return failed;
      }
      if (cut < data.length) carry.append(data.subarray(cut));
      opts.onProgress?.({ bytesRead: chunk.bytesRead, bytesTotal: chunk.bytesTotal, phase: 'parsing' });
      if (chunk.eof) return undefined;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { kind: 'internal', file, message: `${file}: reading failed after ${bytesRead} bytes: ${why}` };
  }
}
