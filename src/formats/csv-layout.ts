// The layout of a CSV time series read from its first lines: BOM, `sep=` line, delimiter, header or
// not, column names and which column holds time. Shared by the sniffer and the streaming parser.

import type { ImportError } from '../model/errors';
import { parseNumberField, numberState } from './csv-numbers';
import { detectTimeEncoding } from './csv-time';
import { RecordBounds, detectDelimiter, fieldText, lineEnd, scanRecord } from './csv-record';

export interface CsvLayout {
  delimiter: number;
  hasHeader: boolean;
  /** Column names (a header's, or `value` / `column N` when the file has none). */
  names: string[];
  timeColumn: number;
  /** 1-based line of the header (0 when none). */
  headerLine: number;
  /** Byte offset and 1-based line where data rows start. */
  dataStart: number;
  dataLine: number;
}

const TIME_NAMES = /^(time|timestamp|_time|date|datetime|ds|time_stamp)$/i;

export function isTimeColumnName(name: string): boolean {
  return TIME_NAMES.test(name.trim());
}

export function notTimeSeries(file: string, supported: string[] = ['CSV time series']): ImportError {
  return {
    kind: 'unknown-format',
    file,
    supported,
    message: `${file}: not a CSV time series (expected a header or data row with a time column and at least one value column, separated by "," ";" or tab)`,
  };
}

function isDataRow(bytes: Uint8Array, rec: RecordBounds): boolean {
  if (detectTimeEncoding(bytes, rec.starts[0], rec.ends[0]) === undefined) return false;
  for (let k = 1; k < rec.count; k++) {
    parseNumberField(bytes, rec.starts[k], rec.ends[k]);
    // 1e400 is a number out of range (refused at its line), not a column name.
    if (!numberState.ok && !numberState.overflow) return false;
  }
  return true;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, k) => {
    const name = raw.trim() === '' ? `column ${k + 1}` : raw.trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/**
 * Reads the layout from bytes[0, end). 'more' when the header record is not complete yet and more bytes
 * may follow; an ImportError when the first record is no time-series header or row.
 */
export function readLayout(bytes: Uint8Array, end: number, eof: boolean, file: string): CsvLayout | ImportError | 'more' {
  let pos = 0;
  let line = 1;
  if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
  let delimiter = -1;
  // `sep=;` first line ("Download for Excel").
  if (end - pos >= 4 && bytes[pos] === 115 && bytes[pos + 1] === 101 && bytes[pos + 2] === 112 && bytes[pos + 3] === 61) {
    const next = lineEnd(bytes, pos, end, eof);
    if (next < 0) return 'more';
    const c = pos + 4 < end ? bytes[pos + 4] : 44;
    delimiter = c === 10 || c === 13 ? 44 : c;
    pos = next;
    line++;
  }
  const rec = new RecordBounds();
  for (;;) {
    if (pos >= end) return eof ? { kind: 'empty', file, message: `${file}: the file has no rows` } : 'more';
    if (delimiter < 0) {
      if (lineEnd(bytes, pos, end, eof) < 0) return 'more';
      delimiter = detectDelimiter(bytes, pos, end);
    }
    const next = scanRecord(bytes, pos, end, eof, delimiter, rec);
    if (next < 0) return 'more';
    if (!rec.isBlank()) break;
    pos = next;
    line += 1 + rec.newlines;
  }
  if (rec.count < 2 || rec.unterminated) return notTimeSeries(file);
  const layoutRow = { delimiter, timeColumn: 0, dataStart: pos };
  if (isDataRow(bytes, rec)) {
    const names = rec.count === 2 ? ['time', 'value'] : Array.from({ length: rec.count }, (_, k) => (k === 0 ? 'time' : `column ${k + 1}`));
    return { ...layoutRow, hasHeader: false, names, headerLine: 0, dataLine: line };
  }
  const names = uniqueNames(Array.from({ length: rec.count }, (_, k) => fieldText(bytes, rec, k)));
  const named = names.findIndex(isTimeColumnName);
  const dataStart = scanRecord(bytes, pos, end, eof, delimiter, rec);
  return {
    ...layoutRow,
    hasHeader: true,
    names,
    timeColumn: named >= 0 ? named : 0,
    headerLine: line,
    dataStart,
    dataLine: line + 1 + rec.newlines,
  };
}

/** True when the head of a file reads as a CSV time series: a layout and a first row with a timestamp. */
export function sniffCsv(head: Uint8Array): boolean {
  const probe = head.subarray(0, Math.min(head.length, 4096));
  if (probe.includes(0)) return false;
  let layout = readLayout(head, head.length, false, '');
  if (layout === 'more') layout = readLayout(head, head.length, true, '');
  if (layout === 'more' || 'kind' in layout) return false;
  const rec = new RecordBounds();
  let pos = layout.dataStart;
  for (;;) {
    if (pos >= head.length) return layout.hasHeader && isTimeColumnName(layout.names[layout.timeColumn]);
    let next = scanRecord(head, pos, head.length, false, layout.delimiter, rec);
    if (next < 0) next = scanRecord(head, pos, head.length, true, layout.delimiter, rec);
    if (!rec.isBlank()) break;
    pos = next;
  }
  const k = layout.timeColumn;
  return rec.count > k && detectTimeEncoding(head, rec.starts[k], rec.ends[k]) !== undefined;
}
