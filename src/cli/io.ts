// Where the CLI writes (stdout / stderr), injectable so tests can run commands in-process, plus the
// shared read of a file into the model (untimed samples dated at the file's mtime) and ISO time formatting.

import { stat } from 'node:fs/promises';
import type { ImportError, Result } from '../model/errors';
import { nodeFileSource } from '../formats/node-source';
import { parseSource } from '../formats/registry';
import { DEFAULT_CHUNK_SIZE } from '../formats/sources';
import type { DefaultSampleTime, ParsedFile } from '../formats/types';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** A status line rewritten in place while a long command works ('' clears it); absent when nobody watches. */
  progress?(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  // Only on a terminal: carriage return, erase the line, write (pipes and logs get nothing).
  ...(process.stderr.isTTY ? { progress: (text: string) => void process.stderr.write(`\r\x1b[2K${text}`) } : {}),
};

/** ISO-8601 (UTC) of ms since the epoch, or null when not a finite time. */
export function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The file's modification time, as the time of samples it leaves untimed; undefined when it cannot be read. */
async function modificationTime(path: string): Promise<DefaultSampleTime | undefined> {
  try {
    return { ms: Math.floor((await stat(path)).mtimeMs), source: 'file modification time' };
  } catch {
    return undefined; // the parse reports the unreadable file
  }
}

/** Parses one file from disk through the format registry; a read failure becomes an ImportError. */
export async function readTelemetryFile(path: string): Promise<Result<ParsedFile, ImportError>> {
  try {
    return await parseSource(nodeFileSource(path, DEFAULT_CHUNK_SIZE, path), { defaultSampleTime: await modificationTime(path) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { kind: 'internal', file: path, message: `${path}: ${why}` } };
  }
}
