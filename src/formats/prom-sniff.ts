// Content sniffing for the exposition formats: reads the first lines of a file's head and counts what
// looks like Prometheus text (# HELP / # TYPE, `name{…} value [ts]`) and what only OpenMetrics has.

import { lexState, parseSampleValue, scanSeriesKey, skipBlanks, tokenEnd } from './prom-lexer';

export interface ExpositionClues {
  /** # HELP / # TYPE / # UNIT lines. */
  metadata: number;
  samples: number;
  /** Non-comment lines that are no sample. */
  badLines: number;
  /** A `# EOF` line was seen. */
  eof: boolean;
  /** Signs only OpenMetrics has: # UNIT, OpenMetrics-only types, exemplars, float-second timestamps, counter `x` sampled as `x_total`. */
  openMetrics: number;
}

const MAX_LINES = 400;
const OM_ONLY_TYPES = /^(unknown|info|stateset|gaugehistogram)$/;
const latin1 = new TextDecoder('latin1');

function isFloatSeconds(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 46 || (bytes[i] | 32) === 101) return true;
  return false;
}

/** Counts the clues in the complete lines of `head` (a last line without line feed only when it is `# EOF`). */
export function expositionClues(head: Uint8Array): ExpositionClues {
  const clues: ExpositionClues = { metadata: 0, samples: 0, badLines: 0, eof: false, openMetrics: 0 };
  if (head.subarray(0, 4096).includes(0)) return clues;
  const counters = new Set<string>();
  let pos = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let n = 0; n < MAX_LINES && pos < head.length; n++) {
    let eol = head.indexOf(10, pos);
    const complete = eol >= 0;
    if (!complete) eol = head.length;
    let end = eol;
    if (end > pos && head[end - 1] === 13) end--;
    const start = skipBlanks(head, pos, end);
    pos = eol + 1;
    if (start === end) continue;
    if (head[start] === 35) {
      const m = /^#[ \t]+(HELP|TYPE|UNIT|EOF)(?:[ \t]+(\S+)(?:[ \t]+(\S+))?)?/.exec(latin1.decode(head.subarray(start, Math.min(end, start + 300))));
      if (!m) continue;
      if (m[1] === 'EOF') clues.eof = true;
      else if (complete) {
        clues.metadata++;
        if (m[1] === 'UNIT' || (m[1] === 'TYPE' && OM_ONLY_TYPES.test(m[3] ?? ''))) clues.openMetrics++;
        if (m[1] === 'TYPE' && m[3] === 'counter' && m[2]) counters.add(m[2]);
      }
      continue;
    }
    if (!complete) break;
    const keyEnd = scanSeriesKey(head, start, end);
    let p = keyEnd < 0 ? end : skipBlanks(head, keyEnd, end);
    let q = tokenEnd(head, p, end);
    parseSampleValue(head, p, q);
    if (keyEnd < 0 || p === q || lexState.error !== '') {
      clues.badLines++;
      continue;
    }
    clues.samples++;
    p = skipBlanks(head, q, end);
    if (p < end && head[p] === 35) clues.openMetrics++;
    else if (p < end) {
      q = tokenEnd(head, p, end);
      if (isFloatSeconds(head, p, q)) clues.openMetrics++;
      if (skipBlanks(head, q, end) < end && head[skipBlanks(head, q, end)] === 35) clues.openMetrics++;
    }
    const name = latin1.decode(head.subarray(start, keyEnd));
    if (name.endsWith('_total') && counters.has(name.slice(0, -6))) clues.openMetrics++;
    else if (/^\w+_total\{/.test(name) && counters.has(name.slice(0, name.indexOf('{') - 6))) clues.openMetrics++;
  }
  return clues;
}

/** Prometheus text: metadata lines, or sample lines that outnumber the lines that are none. */
export function looksLikePrometheusText(c: ExpositionClues): boolean {
  return c.metadata > 0 || (c.samples > 0 && c.samples >= c.badLines);
}

/** OpenMetrics: a `# EOF` line, or Prometheus-like text with a sign only OpenMetrics has. */
export function looksLikeOpenMetrics(c: ExpositionClues): boolean {
  return c.eof || (looksLikePrometheusText(c) && c.openMetrics > 0);
}
