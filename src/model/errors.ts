// Errors the user can read, as a discriminated union that crosses the worker boundary intact
// (structured clone) and is rendered by kind, never matched by message text.

export type ImportError =
  | { kind: 'unknown-format'; file: string; supported: string[]; message: string }
  | { kind: 'empty'; file: string; message: string }
  | {
      kind: 'corrupt';
      file: string;
      /** 1-based line of the offending input, when known. */
      line?: number;
      /** Byte offset of the offending input, when known. */
      offset?: number;
      /** What the parser expected there. */
      expected: string;
      message: string;
    }
  | { kind: 'too-large'; file: string; neededBytes: number; availableBytes: number; message: string }
  | { kind: 'quota'; file: string; message: string }
  | { kind: 'cancelled'; file: string; message: string }
  | { kind: 'internal'; file: string; message: string };

export type Result<T, E = ImportError> = { ok: true; value: T } | { ok: false; error: E };

export function corrupt(file: string, line: number, expected: string, found?: string): ImportError {
  const what = found === undefined ? '' : `, found ${JSON.stringify(found.length > 60 ? found.slice(0, 60) + '…' : found)}`;
  return { kind: 'corrupt', file, line, expected, message: `${file}, line ${line}: expected ${expected}${what}` };
}

/** One sentence saying what to do next, per error kind. */
export function nextStep(e: ImportError): string {
  switch (e.kind) {
    case 'unknown-format':
      return `Faultline reads: ${e.supported.join(', ')}. Export your data in one of these formats.`;
    case 'empty':
      return 'The file has no data rows; check the export.';
    case 'corrupt':
      return 'Fix or remove that line and import the file again; nothing was stored.';
    case 'too-large':
      return 'Free browser storage (delete datasets) or import a smaller time range.';
    case 'quota':
      return 'The browser ran out of storage; delete datasets and retry. Nothing was stored.';
    case 'cancelled':
      return 'Nothing was stored.';
    case 'internal':
      return 'This is a bug in Faultline; nothing was stored. Please report it with the file if you can.';
  }
}
