// Streaming CSV time-series parser: chunks of bytes → one Series per value column. Hand-written (not
// papaparse): the hot loop must exceed 100 MB/s, so it splits, parses numbers and dates straight from bytes.

import type { TimeEncoding } from '../model/series';
import { corrupt, type ImportError, type Result } from '../model/errors';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { numberState, parseDecimalComma, parseNumberField } from './csv-numbers';
import { describeEncoding, detectTimeEncoding, parseTimestamp } from './csv-time';
import { RecordBounds, lineEnd, recordText, scanRecord } from './csv-record';
import { notTimeSeries, readLayout, sniffCsv, type CsvLayout } from './csv-layout';
import { finishColumns } from './csv-finish';
import { FALLBACK, parseRowFast } from './csv-fastrow';
import { ByteCarry } from './byte-carry';

/** Bytes of the next chunk stitched to the unfinished record of the previous one. */
const STITCH_BYTES = 64 * 1024;

/** A record (or the header) longer than this is refused instead of buffered (it is re-joined per chunk). */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

function tooLongRecord(file: string, reader: CsvReader): ImportError {
  if (!reader.layout) return notTimeSeries(file);
  return corrupt(file, reader.line, 'a row shorter than 16 MiB (is a quote left open?)');
}

const fail = (error: ImportError): Result<ParsedFile> => ({ ok: false, error });

/** Growable columns: one time column and one value column per series, doubling capacity. */
class Columns {
  length = 0;
  t: Float64Array;
  v: Float64Array[];
  constructor(series: number, capacity: number) {
    this.t = new Float64Array(capacity);
    this.v = Array.from({ length: series }, () => new Float64Array(capacity));
  }
  grow(): void {
    const n = this.t.length * 2;
    const t = new Float64Array(n);
    t.set(this.t);
    this.t = t;
    this.v = this.v.map((old) => {
      const v = new Float64Array(n);
      v.set(old);
      return v;
    });
  }
}

/** The parse of one file, fed chunk by chunk. */
class CsvReader {
  layout: CsvLayout | undefined;
  encoding: TimeEncoding | undefined;
  line = 1;
  columns: Columns | undefined;
  lastTime = -Infinity;
  outOfOrder = 0;
  firstOutOfOrderLine = 0;
  /** Cells read with a decimal comma (`;` / tab files from European locales). */
  decimalCommas = 0;
  private readonly rec = new RecordBounds();

  constructor(readonly file: string) {}

  /** Consumes complete records of bytes; returns how many bytes were consumed, or an error. */
  feed(bytes: Uint8Array, eof: boolean, sizeHint: number): number | ImportError {
    let pos = 0;
    if (!this.layout) {
      const layout = readLayout(bytes, bytes.length, eof, this.file);
      if (layout === 'more') return 0;
      if ('kind' in layout) return layout;
      this.layout = layout;
      this.line = layout.dataLine;
      pos = layout.dataStart;
      // Capacity from the first data row's length: one allocation for most files, no doubling. A row has
      // at least one byte per field, so rows × columns allocated stay within the file's size.
      const firstRow = lineEnd(bytes, pos, bytes.length, eof);
      const rowBytes = Math.max(firstRow > pos ? firstRow - pos : bytes.length - pos, layout.names.length, 16);
      // A small slack only: with 100 k columns, 1024 spare rows each would be 800 MB for a 1 MB file.
      const estimate = Math.ceil((sizeHint / rowBytes) * 1.1) + 16;
      this.columns = new Columns(layout.names.length - 1, Math.min(estimate, 1 << 26));
    }
    return this.rows(bytes, pos, eof);
  }

  private rows(bytes: Uint8Array, start: number, eof: boolean): number | ImportError {
    const layout = this.layout as CsvLayout;
    const cols = this.columns as Columns;
    const rec = this.rec;
    const width = layout.names.length;
    const tc = layout.timeColumn;
    const delimiter = layout.delimiter;
    const end = bytes.length;
    let times = cols.t;
    let values = cols.v;
    let n = cols.length;
    let line = this.line;
    let lastTime = this.lastTime;
    let pos = start;
    let failure: ImportError | undefined;
    const encodingKnown = this.encoding;
    while (pos < end) {
      if (encodingKnown !== undefined && n < times.length) {
        const fast = parseRowFast(bytes, pos, end, eof, delimiter, width, tc, encodingKnown, times, values, n);
        if (fast !== FALLBACK) {
          const t = times[n];
          if (t < lastTime && this.outOfOrder++ === 0) this.firstOutOfOrderLine = line;
          lastTime = t;
          line++;
          n++;
          pos = fast;
          continue;
        }
      }
      const next = scanRecord(bytes, pos, end, eof, delimiter, rec);
      if (next < 0) break;
      // Read after the scan: a record wider than the bounds so far grows (replaces) these arrays.
      const starts = rec.starts;
      const ends = rec.ends;
      const rowLine = line;
      line += 1 + rec.newlines;
      if (rec.count !== width || rec.unterminated) {
        if (rec.isBlank()) {
          pos = next;
          continue;
        }
        failure = rec.unterminated
          ? corrupt(this.file, rowLine, 'a closing quote (") for the quoted field', recordText(bytes, pos, next))
          : corrupt(this.file, rowLine, `${width} fields like the ${layout.hasHeader ? `header on line ${layout.headerLine}` : 'first row'}, not ${rec.count}`, recordText(bytes, pos, next));
        break;
      }
      let encoding = this.encoding;
      if (encoding === undefined) {
        encoding = detectTimeEncoding(bytes, starts[tc], ends[tc]);
        if (encoding === undefined) {
          failure = corrupt(this.file, rowLine, `a timestamp (ISO-8601, YYYY-MM-DD HH:MM:SS or epoch s/ms/µs/ns) in column "${layout.names[tc]}"`, recordText(bytes, starts[tc], ends[tc]));
          break;
        }
        this.encoding = encoding;
      }
      const t = parseTimestamp(bytes, starts[tc], ends[tc], encoding);
      if (t !== t) {
        failure = corrupt(this.file, rowLine, `${describeEncoding(encoding)} in column "${layout.names[tc]}"`, recordText(bytes, starts[tc], ends[tc]));
        break;
      }
      if (n === times.length) {
        cols.length = n;
        cols.grow();
        times = cols.t;
        values = cols.v;
      }
      times[n] = t;
      if (t < lastTime && this.outOfOrder++ === 0) this.firstOutOfOrderLine = rowLine;
      lastTime = t;
      let s = 0;
      for (let k = 0; k < width; k++) {
        if (k === tc) continue;
        let x = parseNumberField(bytes, starts[k], ends[k]);
        if (!numberState.ok && delimiter !== 44) {
          x = parseDecimalComma(bytes, starts[k], ends[k]);
          if (numberState.ok) this.decimalCommas++;
        }
        if (!numberState.ok || rec.escaped[k]) {
          const what = numberState.overflow ? 'a number within the float64 range (about ±1.8e308)' : 'a number (or an empty / null / NaN cell)';
          failure = corrupt(this.file, rowLine, `${what} in column "${layout.names[k]}"`, recordText(bytes, starts[k], ends[k]));
          break;
        }
        values[s++][n] = x;
      }
      if (failure) break;
      n++;
      pos = next;
    }
    cols.length = n;
    this.line = line;
    this.lastTime = lastTime;
    return failure ?? pos;
  }
}

/** True when `data` holds a line feed or carriage return, i.e. a record might end in it. */
function hasLineBreak(data: Uint8Array): boolean {
  return data.indexOf(10) >= 0 || data.indexOf(13) >= 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Parses a CSV time series from a source, chunk by chunk; never throws. */
export async function parseCsv(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const reader = new CsvReader(file);
  let carry: Uint8Array = new Uint8Array(0);
  /** A long unfinished record gathered over chunks without a line break (carry is then its view). */
  const held = new ByteCarry();
  let holding = false;
  let bytesRead = 0;
  try {
    for (;;) {
      if (opts.isCancelled?.()) return fail({ kind: 'cancelled', file, message: `${file}: import cancelled` });
      const chunk = await src.readChunk();
      bytesRead = chunk.bytesRead;
      let data = chunk.data;
      if (carry.length > 0 && !chunk.eof && !hasLineBreak(data)) {
        // No record can end in this chunk: hold it without re-reading the record (linear, not quadratic).
        if (!holding) {
          held.length = 0;
          held.append(carry);
          holding = true;
        }
        held.append(data);
        carry = held.view();
        if (carry.length > MAX_RECORD_BYTES) return fail(tooLongRecord(file, reader));
        opts.onProgress?.({ bytesRead: chunk.bytesRead, bytesTotal: chunk.bytesTotal, phase: 'parsing' });
        continue;
      }
      holding = false;
      if (carry.length > 0) {
        // Finish the record cut by the previous chunk's end in a small stitched buffer, so the chunk
        // itself is parsed in place (no 4 MiB copy per chunk).
        const k = Math.min(data.length, STITCH_BYTES);
        const stitched = concat(carry, data.subarray(0, k));
        const used = reader.feed(stitched, chunk.eof && k === data.length, chunk.bytesTotal);
        if (typeof used !== 'number') return fail(used);
        if (used >= carry.length) {
          data = data.subarray(used - carry.length);
          carry = new Uint8Array(0);
        } else {
          // A record longer than the stitch window (or a header still incomplete): join it all.
          data = concat(carry.subarray(used), data);
          carry = new Uint8Array(0);
        }
      }
      const used = reader.feed(data, chunk.eof, chunk.bytesTotal);
      if (typeof used !== 'number') return fail(used);
      carry = data.subarray(used);
      if (carry.length > MAX_RECORD_BYTES && !chunk.eof) return fail(tooLongRecord(file, reader));
      opts.onProgress?.({ bytesRead: chunk.bytesRead, bytesTotal: chunk.bytesTotal, phase: 'parsing' });
      if (chunk.eof) break;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail({ kind: 'internal', file, message: `${file}: reading failed after ${bytesRead} bytes: ${why}` });
  }
  const { layout, columns, encoding } = reader;
  if (!layout || !columns) return fail({ kind: 'empty', file, message: `${file}: the file has no rows` });
  if (columns.length === 0) {
    const where = layout.hasHeader ? `a header on line ${layout.headerLine} but ` : '';
    return fail({ kind: 'empty', file, message: `${file}: ${where}no data rows` });
  }
  const names = layout.names.filter((_, k) => k !== layout.timeColumn);
  const parsed = finishColumns(columns.t, columns.v, columns.length, names, encoding as TimeEncoding, {
    outOfOrder: reader.outOfOrder,
    firstOutOfOrderLine: reader.firstOutOfOrderLine,
    decimalCommas: reader.decimalCommas,
  });
  const garbled = names.filter((n) => n.includes('\uFFFD'));
  if (garbled.length > 0) {
    parsed.warnings.push(`${garbled.length} column name${garbled.length === 1 ? ' is' : 's are'} not valid UTF-8 (a Latin-1 or Windows-1252 export?); the bad bytes are shown as \uFFFD: ${garbled.slice(0, 3).join(', ')}${garbled.length > 3 ? ', …' : ''}.`);
  }
  return { ok: true, value: parsed };
}

export const csvFormat: FormatParser = {
  id: 'csv',
  name: 'CSV time series',
  priority: 10,
  sniff: sniffCsv,
  parse: parseCsv,
};
