// OpenMetrics 1.0 text: sniff + streaming parse with the spec's rules (# EOF last, metadata before samples,
// families together, counter / bucket values, float-second timestamps); the hot loop is prom-reader.ts's.

import { corrupt, type ImportError, type Result } from '../model/errors';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { Families, OPENMETRICS_TYPES, readMetadataLine, unescapeHelp } from './prom-families';
import { finishSeries } from './prom-finish';
import { checkHistograms } from './om-histograms';
import { parseSecondsAsMillis } from './prom-lexer';
import { ExpositionReader, type Dialect } from './prom-reader';
import type { SeriesBuffer } from './prom-series';
import { expositionClues, looksLikeOpenMetrics } from './prom-sniff';
import { streamLines } from './prom-stream';

/** What a sample name is within its family, for the value and exemplar rules. */
const enum Role {
  Other = 0,
  /** counter `_total`, histogram `_count`, gaugehistogram `_gcount`, summary `_count`: not NaN, not negative. */
  Total = 1,
  /** histogram / gaugehistogram `_bucket`: as Total, and exemplars allowed. */
  Bucket = 2,
  Info = 3,
  StateSet = 4,
}

const TYPE_WORDS = 'counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown';

class OpenMetricsRules implements Dialect {
  readonly openMetrics = true;
  readonly parseTime = parseSecondsAsMillis;
  readonly timeExpected = 'a timestamp in seconds since the epoch (a decimal number, not NaN or Inf)';
  readonly families = new Families();
  /** The family whose samples are being read, and the families already finished. */
  private current = '';
  private currentHasSamples = false;
  private readonly finished = new Set<string>();
  createdSamples = 0;

  constructor(
    private readonly file: string,
    private readonly reader: () => ExpositionReader,
  ) {}

  private fail(line: number, expected: string, found: string): ImportError {
    return corrupt(this.file, line, expected, found);
  }

  comment(text: string, line: number): ImportError | undefined {
    const m = readMetadataLine(text);
    if (m.kind === 'eof') {
      this.reader().eofLine = line;
      return undefined;
    }
    if (m.kind === 'comment') return this.fail(line, '# HELP, # TYPE, # UNIT or # EOF (OpenMetrics has no other comment lines)', text);
    const meta = this.families.meta(m.family);
    if ((m.family === this.current && this.currentHasSamples) || this.finished.has(m.family)) {
      return this.fail(line, `metadata of ${m.family} before its samples`, text);
    }
    if (m.family !== this.current) this.switchTo(m.family);
    if (m.kind === 'help') {
      if (meta.help !== undefined) return this.fail(line, `one # HELP for ${m.family}`, text);
      meta.help = unescapeHelp(m.text);
    } else if (m.kind === 'unit') {
      if (meta.unit !== undefined) return this.fail(line, `one # UNIT for ${m.family}`, text);
      if (m.text !== '' && !m.family.endsWith(`_${m.text}`)) return this.fail(line, `a unit that ends the family name (${m.family} does not end with _${m.text})`, text);
      meta.unit = m.text;
    } else {
      const type = OPENMETRICS_TYPES[m.text];
      if (!type) return this.fail(line, `a metric type (${TYPE_WORDS})`, text);
      if (meta.type) return this.fail(line, `one # TYPE for ${m.family} (declared on line ${meta.typeLine})`, text);
      meta.type = type;
      meta.typeLine = line;
    }
    return undefined;
  }

  private switchTo(family: string): void {
    if (this.current !== '') this.finished.add(this.current);
    this.current = family;
    this.currentHasSamples = false;
  }

  newSeries(series: SeriesBuffer): string | undefined {
    const name = series.key.metricName;
    const found = this.families.familyOf(name);
    const family = found?.[0] ?? name;
    const type = found?.[1].type;
    const suffix = name.slice(family.length);
    const labels = new Map(series.key.labels);
    series.family = family;
    if (type === 'counter' && suffix === '') return `counter samples named ${family}_total (or ${family}_created)`;
    if (suffix === '_created' && (type === 'counter' || type === 'histogram' || type === 'summary')) {
      series.kept = false;
      return undefined;
    }
    if (suffix === '_bucket') {
      const le = labels.get('le');
      if (le === undefined || !(le === '+Inf' || Number.isFinite(Number(le)))) return 'a histogram bucket with an le label holding a number or +Inf';
      series.role = Role.Bucket;
    } else if ((type === 'histogram' || type === 'gaugehistogram') && labels.has('le')) {
      return `the le label only on ${family}_bucket`;
    } else if (suffix === '_total' || suffix === '_count' || suffix === '_gcount') series.role = Role.Total;
    else if (type === 'info') series.role = Role.Info;
    else if (type === 'stateset') series.role = Role.StateSet;
    if (type === 'summary' && suffix === '' && !labels.has('quantile')) return `a quantile label on the ${family} summary sample`;
    return undefined;
  }

  readonly sample = (series: SeriesBuffer, value: number, timeMs: number, exemplar: boolean): string | undefined => {
    if (series.family !== this.current) {
      if (this.finished.has(series.family)) return `the samples of ${series.family} together (they are interleaved with another family)`;
      this.switchTo(series.family);
    }
    this.currentHasSamples = true;
    if (!series.kept) {
      this.createdSamples++;
      return undefined;
    }
    const role = series.role;
    if ((role === Role.Total || role === Role.Bucket) && !(value >= 0)) return 'a count or total that is a number ≥ 0 (not NaN or negative)';
    if (role === Role.Info && value !== 1) return 'the value 1 for an info sample';
    if (role === Role.StateSet && value !== 0 && value !== 1) return 'the value 0 or 1 for a stateset sample';
    if (exemplar && role !== Role.Bucket && !(role === Role.Total && series.key.metricName.endsWith('_total'))) {
      return 'exemplars only on counter totals and histogram buckets';
    }
    if (series.length > 0 && timeMs === timeMs && !(timeMs > series.t[series.length - 1])) {
      return `timestamps of ${series.name} that increase`;
    }
    return undefined;
  };
}

/** Parses OpenMetrics text from a source, chunk by chunk; never throws. */
export async function parseOpenMetrics(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const rules: OpenMetricsRules = new OpenMetricsRules(file, () => reader);
  const reader: ExpositionReader = new ExpositionReader(file, rules);
  const failed = await streamLines(src, opts, reader);
  if (failed) return { ok: false, error: failed };
  if (reader.eofLine === 0) {
    return { ok: false, error: corrupt(file, reader.line + 1, 'a final "# EOF" line (OpenMetrics ends with it; the file may be cut short)') };
  }
  const histogram = checkHistograms(reader.table.series.filter((s) => s.kept && s.role === Role.Bucket));
  if (histogram) return { ok: false, error: corrupt(file, histogram.line, histogram.expected, histogram.found) };
  if (reader.table.series.every((s) => !s.kept)) {
    return { ok: false, error: { kind: 'empty', file, message: `${file}: no samples before # EOF` } };
  }
  const warnings: string[] = [];
  if (reader.exemplars > 0) warnings.push(`${reader.exemplars} exemplar${reader.exemplars === 1 ? ' was' : 's were'} read and checked but not kept (Faultline stores series, not exemplars).`);
  if (rules.createdSamples > 0) {
    const one = rules.createdSamples === 1;
    warnings.push(`${rules.createdSamples} _created sample${one ? '' : 's'} (start times of counters, histograms and summaries) ${one ? 'was' : 'were'} not kept as series, as Prometheus does by default.`);
  }
  return { ok: true, value: finishSeries(reader.table, rules.families, { format: 'openmetrics', timeEncoding: 'epoch-s', warnings, defaultSampleTime: opts.defaultSampleTime }) };
}

export const openMetricsFormat: FormatParser = {
  id: 'openmetrics',
  name: 'OpenMetrics text',
  // Above Prometheus text (20): every OpenMetrics file also looks like Prometheus text.
  priority: 30,
  sniff: (head) => looksLikeOpenMetrics(expositionClues(head)),
  parse: parseOpenMetrics,
};
