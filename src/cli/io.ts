// Where the CLI writes (stdout / stderr), injectable so tests can run commands in-process, plus the
// shared read of a file into the model and ISO time formatting.

import type { ImportError, Result } from '../model/errors';
import { nodeFileSource } from '../formats/node-source';
import { parseSource } from '../formats/registry';
import { DEFAULT_CHUNK_SIZE } from '../formats/sources';
import type { ParsedFile } from '../formats/types';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

/** ISO-8601 (UTC) of ms since the epoch, or null when not a finite time. */
export function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Parses one file from disk through the format registry; a read failure becomes an ImportError. */
export async function readTelemetryFile(path: string): Promise<Result<ParsedFile, ImportError>> {
  try {
    return await parseSource(nodeFileSource(path, DEFAULT_CHUNK_SIZE, path));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { kind: 'internal', file: path, message: `${path}: ${why}` } };
  }
}
