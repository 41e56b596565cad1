// Streaming CSV time-series parser: chunks of bytes → one Series per value column. Hand-written (not
// papaparse): the hot loop must exceed 100 MB/s, so it splits, parses numbers and dates straight from bytes.

import type { TimeEncoding } from '../model/series';
import { corrupt, type ImportError, type Result } from '../model/errors';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { numberState, parseNumberField } from './csv-numbers';
import { describeEncoding, detectTimeEncoding, parseTimestamp } from './csv-time';
import { RecordBounds, recordText, scanRecord } from './csv-record';
import { readLayout, sniffCsv, type CsvLayout } from './csv-layout';
import { finishColumns } from './csv-finish';

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
      const series = layout.names.length - 1;
      this.columns = new Columns(series, Math.max(1024, Math.min(1 << 22, Math.ceil(sizeHint / 16))));
    }
    return this.rows(bytes, pos, eof);
  }

  private rows(bytes: Uint8Array, start: number, eof: boolean): number | ImportError {
    const layout = this.layout as CsvLayout;
    const cols = this.columns as Columns;
    const rec = this.rec;
    const width = layout.names.length;
    const tc = layout.timeColumn;
    const end = bytes.length;
    let pos = start;
    while (pos < end) {
      const next = scanRecord(bytes, pos, end, eof, layout.delimiter, rec);
      if (next < 0) break;
      const line = this.line;
      this.line += 1 + rec.newlines;
      if (rec.isBlank()) {
        pos = next;
        continue;
      }
      if (rec.unterminated) return corrupt(this.file, line, 'a closing quote (") for the quoted field', recordText(bytes, pos, next));
      if (rec.count !== width) {
        return corrupt(this.file, line, `${width} fields like the ${layout.hasHeader ? `header on line ${layout.headerLine}` : 'first row'}, not ${rec.count}`, recordText(bytes, pos, next));
      }
      let encoding = this.encoding;
      if (encoding === undefined) {
        encoding = detectTimeEncoding(bytes, rec.starts[tc], rec.ends[tc]);
        if (encoding === undefined) {
          return corrupt(this.file, line, `a timestamp (ISO-8601, YYYY-MM-DD HH:MM:SS or epoch s/ms/µs/ns) in column "${layout.names[tc]}"`, recordText(bytes, rec.starts[tc], rec.ends[tc]));
        }
        this.encoding = encoding;
      }
      const t = parseTimestamp(bytes, rec.starts[tc], rec.ends[tc], encoding);
      if (t !== t) {
        return corrupt(this.file, line, `${describeEncoding(encoding)} in column "${layout.names[tc]}"`, recordText(bytes, rec.starts[tc], rec.ends[tc]));
      }
      let n = cols.length;
      if (n === cols.t.length) cols.grow();
      cols.t[n] = t;
      if (t < this.lastTime) {
        if (this.outOfOrder++ === 0) this.firstOutOfOrderLine = line;
      }
      this.lastTime = t;
      for (let k = 0, s = 0; k < width; k++) {
        if (k === tc) continue;
        const x = rec.escaped[k] ? NaN : parseNumberField(bytes, rec.starts[k], rec.ends[k]);
        if (!numberState.ok || rec.escaped[k]) {
          return corrupt(this.file, line, `a number (or an empty / null / NaN cell) in column "${layout.names[k]}"`, recordText(bytes, rec.starts[k], rec.ends[k]));
        }
        cols.v[s++][n] = x;
      }
      cols.length = ++n;
      pos = next;
    }
    return pos;
  }
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
  let bytesRead = 0;
  try {
    for (;;) {
      if (opts.isCancelled?.()) return fail({ kind: 'cancelled', file, message: `${file}: import cancelled` });
      const chunk = await src.readChunk();
      bytesRead = chunk.bytesRead;
      const bytes = concat(carry, chunk.data);
      const used = reader.feed(bytes, chunk.eof, chunk.bytesTotal);
      if (typeof used !== 'number') return fail(used);
      carry = bytes.subarray(used);
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
  return {
    ok: true,
    value: finishColumns(columns.t, columns.v, columns.length, names, encoding as TimeEncoding, {
      outOfOrder: reader.outOfOrder,
      firstOutOfOrderLine: reader.firstOutOfOrderLine,
    }),
  };
}

export const csvFormat: FormatParser = {
  id: 'csv',
  name: 'CSV time series',
  priority: 10,
  sniff: sniffCsv,
  parse: parseCsv,
};
