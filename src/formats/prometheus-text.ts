// Prometheus text exposition 0.0.4 (and `promtool tsdb dump` output): sniff + streaming parse into one
// Series per metric name + label set. The byte-level hot loop lives in prom-reader.ts (hand-written for speed).

import { corrupt, type ImportError, type Result } from '../model/errors';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { Families, PROMETHEUS_TYPES, OPENMETRICS_TYPES, readMetadataLine, unescapeHelp } from './prom-families';
import { finishSeries } from './prom-finish';
import { parseMillis } from './prom-lexer';
import { ExpositionReader, type Dialect } from './prom-reader';
import { expositionClues, looksLikePrometheusText } from './prom-sniff';
import { streamLines } from './prom-stream';

const TYPE_WORDS = 'counter, gauge, histogram, summary or untyped';

function prometheusDialect(file: string, families: Families): Dialect {
  return {
    openMetrics: false,
    parseTime: parseMillis,
    timeExpected: 'a timestamp in integer milliseconds since the epoch, or nothing (float seconds are OpenMetrics, which ends with # EOF)',
    comment(text: string, line: number): ImportError | undefined {
      const m = readMetadataLine(text);
      if (m.kind === 'comment' || m.kind === 'eof') return undefined;
      const family = families.meta(m.family);
      if (m.kind === 'help') family.help = unescapeHelp(m.text);
      else if (m.kind === 'unit') family.unit = m.text || undefined;
      else {
        // OpenMetrics type words are accepted too: such files are sometimes served as text 0.0.4.
        const type = PROMETHEUS_TYPES[m.text] ?? OPENMETRICS_TYPES[m.text];
        if (!type) return corrupt(file, line, `a metric type (${TYPE_WORDS})`, text);
        if (family.type && family.type !== type) {
          return corrupt(file, line, `one type per metric (${m.family} was declared ${family.type} on line ${family.typeLine})`, text);
        }
        if (!family.type) {
          family.type = type;
          family.typeLine = line;
        }
      }
      return undefined;
    },
    newSeries: () => undefined,
  };
}

/** Warns when every timestamp looks like epoch seconds (Prometheus text writes milliseconds). */
function secondsWarning(parsed: ParsedFile): string | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of parsed.series) {
    for (let i = 0; i < s.t.length; i++) {
      if (s.t[i] < lo) lo = s.t[i];
      if (s.t[i] > hi) hi = s.t[i];
    }
  }
  if (lo >= 1e8 && hi < 1e11) {
    return `The timestamps (${lo} … ${hi}) look like epoch seconds, but Prometheus text writes milliseconds; they were read as milliseconds (1970). If the file is OpenMetrics, it should end with # EOF.`;
  }
  return undefined;
}

/** Parses Prometheus text exposition from a source, chunk by chunk; never throws. */
export async function parsePrometheusText(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const families = new Families();
  const reader = new ExpositionReader(file, prometheusDialect(file, families));
  const failed = await streamLines(src, opts, reader);
  if (failed) return { ok: false, error: failed };
  if (reader.table.series.length === 0) {
    return { ok: false, error: { kind: 'empty', file, message: `${file}: no samples (only comments, # HELP / # TYPE lines or blank lines)` } };
  }
  const parsed = finishSeries(reader.table, families, { format: 'prometheus-text', timeEncoding: 'epoch-ms', warnings: [], defaultSampleTime: opts.defaultSampleTime });
  if (parsed.timeEncoding) {
    const seconds = secondsWarning(parsed);
    if (seconds) parsed.warnings.push(seconds);
  }
  return { ok: true, value: parsed };
}

export const prometheusTextFormat: FormatParser = {
  id: 'prometheus-text',
  name: 'Prometheus text exposition',
  // Above CSV (10): a Prometheus line is never a CSV row, but CSV sniffing is the looser of the two.
  priority: 20,
  sniff: (head) => looksLikePrometheusText(expositionClues(head)),
  parse: parsePrometheusText,
};
