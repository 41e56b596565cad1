// The sample-line loop shared by Prometheus text and OpenMetrics: key → series by hashed raw bytes, value,
// optional timestamp, exemplar. Hand-written over bytes (no string per line) to pass 100 MB/s; the
// format-specific rules (metadata, timestamp unit, OpenMetrics checks) come in through a Dialect.

import { corrupt, type ImportError } from '../model/errors';
import { lexState, parseSampleValue, scanSeriesKey, skipBlanks, tokenEnd } from './prom-lexer';
import { decodeUtf8, parseSeriesKey, seriesName } from './prom-labels';
import { SeriesTable, type SeriesBuffer } from './prom-series';
import type { LineConsumer } from './prom-stream';
import { MAX_LABELS } from './label-limit';

export { MAX_LABELS } from './label-limit';

export interface Dialect {
  /** Exemplars (` # {…} value [ts]`) and strict line rules (no blank lines, nothing after # EOF). */
  openMetrics: boolean;
  /** The timestamp token as ms since the epoch; NaN when it is not a timestamp of this format. */
  parseTime(bytes: Uint8Array, start: number, end: number): number;
  /** What a timestamp looks like, for messages. */
  timeExpected: string;
  /** A line starting with `#` (decoded); an error to stop the parse. */
  comment(text: string, line: number): ImportError | undefined;
  /** A series seen for the first time (assign roles, check names); what was expected when it is refused. */
  newSeries(series: SeriesBuffer): string | undefined;
  /** Per-sample checks, what was expected when refused; undefined to skip the call entirely. */
  sample?: (series: SeriesBuffer, value: number, timeMs: number, exemplar: boolean) => string | undefined;
}

const lossy = new TextDecoder('utf-8');

function lineText(bytes: Uint8Array, start: number, end: number): string {
  return lossy.decode(bytes.subarray(start, Math.min(end, start + 200)));
}

export class ExpositionReader implements LineConsumer {
  line = 0;
  readonly table = new SeriesTable();
  /** Set once `# EOF` was read (OpenMetrics). */
  eofLine = 0;
  exemplars = 0;
  droppedSamples = 0;
  /** The previous line's raw key; the next is guessed at lastAlias + step (scrapes repeat in order: 1). */
  private lastAlias = -1;
  private step = 1;

  constructor(
    readonly file: string,
    private readonly dialect: Dialect,
  ) {}

  feed(bytes: Uint8Array, start: number, end: number): ImportError | undefined {
    let pos = start;
    while (pos < end) {
      let eol = bytes.indexOf(10, pos);
      if (eol < 0 || eol > end) eol = end;
      this.line++;
      const failed = this.readLine(bytes, pos, eol);
      if (failed) return failed;
      pos = eol + 1;
    }
    return undefined;
  }

  private fail(expected: string, bytes: Uint8Array, start: number, end: number): ImportError {
    return corrupt(this.file, this.line, expected, lineText(bytes, start, end));
  }

  private readLine(bytes: Uint8Array, start: number, end: number): ImportError | undefined {
    const dialect = this.dialect;
    if (end > start && bytes[end - 1] === 13) end--;
    let p = skipBlanks(bytes, start, end);
    if (this.eofLine > 0) return this.fail(`nothing after the # EOF on line ${this.eofLine}`, bytes, start, end);
    if (p === end) return dialect.openMetrics ? this.fail('no blank lines (OpenMetrics)', bytes, start, end) : undefined;
    if (bytes[p] === 35 /* # */) {
      const text = decodeUtf8(bytes, p, end);
      if (text === undefined) return this.fail('valid UTF-8 text', bytes, start, end);
      return dialect.comment(text, this.line);
    }
    const table = this.table;
    let alias = this.lastAlias + this.step;
    let keyEnd = alias >= 0 && alias < table.aliasCount ? table.matchAlias(alias, bytes, p, end) : -1;
    if (keyEnd < 0 && this.lastAlias >= 0) {
      // Series after series (promtool dumps): the same key again; switch the guess when that is it.
      alias = this.lastAlias + 1 - this.step;
      keyEnd = alias < table.aliasCount ? table.matchAlias(alias, bytes, p, end) : -1;
      if (keyEnd >= 0) this.step = 1 - this.step;
    }
    if (keyEnd < 0) {
      keyEnd = scanSeriesKey(bytes, p, end);
      if (keyEnd < 0) return this.fail(lexState.error, bytes, start, end);
      const hash = lexState.hash;
      alias = table.lookup(bytes, p, keyEnd, hash);
      if (alias < 0) {
        const created = this.createSeries(bytes, p, keyEnd, hash);
        if (typeof created !== 'number') return created;
        alias = created;
      }
    }
    this.lastAlias = alias;
    const index = table.seriesOfAlias(alias);
    p = skipBlanks(bytes, keyEnd, end);
    if (p === end || (p === keyEnd && bytes[keyEnd - 1] !== 125)) return this.fail('a sample value after the metric name and labels', bytes, start, end);
    let q = tokenEnd(bytes, p, end);
    const value = parseSampleValue(bytes, p, q);
    if (lexState.error !== '') return this.fail(lexState.error, bytes, start, end);
    p = skipBlanks(bytes, q, end);
    let time = NaN;
    if (p < end && !(dialect.openMetrics && bytes[p] === 35)) {
      q = tokenEnd(bytes, p, end);
      time = dialect.parseTime(bytes, p, q);
      if (time !== time) return this.fail(dialect.timeExpected, bytes, start, end);
      p = skipBlanks(bytes, q, end);
    }
    let exemplar = false;
    if (p < end) {
      if (!dialect.openMetrics || bytes[p] !== 35) return this.fail('the end of the line after the value and timestamp', bytes, start, end);
      const failed = this.readExemplar(bytes, p + 1, end, start);
      if (failed) return failed;
      exemplar = true;
    }
    const series = this.table.series[index];
    if (dialect.sample) {
      const refused = dialect.sample(series, value, time, exemplar);
      if (refused) return this.fail(refused, bytes, start, end);
    }
    if (series.kept) this.table.add(index, time, value);
    else this.droppedSamples++;
    return undefined;
  }

  /** ` {labels} value [timestamp]` after the `#` of an exemplar: checked, counted, not kept. */
  private readExemplar(bytes: Uint8Array, from: number, end: number, lineStart: number): ImportError | undefined {
    let p = skipBlanks(bytes, from, end);
    if (p === from || p === end || bytes[p] !== 123) return this.fail('an exemplar " # {labels} value [timestamp]"', bytes, lineStart, end);
    const labelsEnd = scanSeriesKey(bytes, p, end);
    if (labelsEnd < 0) return this.fail(`an exemplar with ${lexState.error}`, bytes, lineStart, end);
    const text = decodeUtf8(bytes, p, labelsEnd);
    const key = text === undefined ? 'valid UTF-8' : parseSeriesKey(`x${text}`, MAX_LABELS);
    if (typeof key === 'string') return this.fail(`exemplar labels: ${key}`, bytes, lineStart, end);
    const runes = key.labels.reduce((n, [k, v]) => n + [...k].length + [...v].length, 0);
    if (runes > 128) return this.fail('exemplar labels of at most 128 characters (names and values together)', bytes, lineStart, end);
    p = skipBlanks(bytes, labelsEnd, end);
    let q = tokenEnd(bytes, p, end);
    parseSampleValue(bytes, p, q);
    if (p === q || lexState.error !== '') return this.fail('an exemplar value', bytes, lineStart, end);
    p = skipBlanks(bytes, q, end);
    if (p < end) {
      q = tokenEnd(bytes, p, end);
      const time = this.dialect.parseTime(bytes, p, q);
      if (time !== time) return this.fail('an exemplar timestamp', bytes, lineStart, end);
      if (skipBlanks(bytes, q, end) !== end) return this.fail('the end of the line after the exemplar', bytes, lineStart, end);
    }
    this.exemplars++;
    return undefined;
  }

  /** Slow path, once per distinct raw key: decode, parse labels, canonical name, alias the raw bytes; the alias index. */
  private createSeries(bytes: Uint8Array, start: number, end: number, hash: number): number | ImportError {
    const text = decodeUtf8(bytes, start, end);
    if (text === undefined) return this.fail('valid UTF-8 in the metric name and labels', bytes, start, end);
    const key = parseSeriesKey(text, MAX_LABELS);
    if (typeof key === 'string') return this.fail(key, bytes, start, end);
    const before = this.table.series.length;
    const index = this.table.seriesFor(seriesName(key), key, this.line);
    if (this.table.series.length > before) {
      const refused = this.dialect.newSeries(this.table.series[index]);
      if (refused) return this.fail(refused, bytes, start, end);
    }
    return this.table.addAlias(bytes, start, end, hash, index);
  }
}
