// The accessible table view of what the chart shows: flagged anomalies in the visible range and the
// min/max/score per bucket, as real <table> elements with captions and header cells.
import type { ChartData } from '../workers/api';
import { h } from './dom';
import { formatCount, formatTime, formatValue, withUnit } from './format';

/** Rows beyond this are summarised (the chart itself never has more than ~2 per pixel). */
const MAX_ROWS = 2000;

function table(caption: string, headers: string[], rows: string[][], className: string): HTMLTableElement {
  return h(
    'table',
    { class: `data-table ${className}` },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...headers.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows.map((r) => h('tr', null, h('th', { attrs: { scope: 'row' } }, r[0]), ...r.slice(1).map((c) => h('td', null, c))))),
  );
}

/** How the score is named: the Metrics z-score by default; the Anomalies view's combined score in [0, 1]. */
export interface ScoreWords {
  name: string;
  /** Caption text of the flag rule, e.g. "|z| > 4". */
  rule: string;
  /** Per flag, a label (severity) for an extra column. */
  flagLabel?: (i: number) => string;
}

export function chartTables(data: ChartData, seriesName: string, unit: string, threshold: number, words?: ScoreWords): HTMLElement {
  const u = (x: number) => withUnit(formatValue(x), unit);
  const score = words?.name ?? 'z-score';
  const flags: string[][] = [];
  for (let i = 0; i < data.flagT.length; i++) {
    flags.push([formatTime(data.flagT[i]), u(data.flagV[i]), formatValue(data.flagScore[i]), ...(words?.flagLabel ? [words.flagLabel(i)] : [])]);
  }
  flags.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const buckets: string[][] = [];
  const n = Math.min(data.t.length, MAX_ROWS);
  for (let i = 0; i < n; i++) {
    const flagged = Math.abs(data.score[i]) > threshold;
    buckets.push([formatTime(data.t[i]), u(data.min[i]), u(data.max[i]), formatValue(data.score[i]), flagged ? 'anomaly' : '']);
  }
  const shownFlags =
    data.flagCount > data.flagT.length
      ? `${formatCount(data.flagT.length)} of ${formatCount(data.flagCount)}, largest ${words ? 'scores' : '|z|'} first kept`
      : formatCount(data.flagCount);
  return h(
    'div',
    { class: 'tables' },
    table(
      `Anomalies of ${seriesName} in view (${shownFlags}; ${words?.rule ?? `|z| > ${threshold}`})`,
      ['Time (UTC)', 'Value', score, ...(words?.flagLabel ? ['Severity'] : [])],
      flags,
      'anomaly-table',
    ),
    table(
      `${seriesName}: ${formatCount(data.t.length)} buckets over ${formatCount(data.pointCount)} points` +
        (data.t.length > n ? ` (first ${formatCount(n)} shown)` : ''),
      ['Bucket start (UTC)', 'Min', 'Max', `Peak ${score}`, 'Flag'],
      buckets,
      'bucket-table',
    ),
  );
}
