// The sampling lab's results: the comparison table (kept traces, spans and bytes with bars, error traces kept,
// p50/p99 error of the adjusted-count-weighted estimates, what vanishes) and the advisor's recommendation.
import type { CandidateRow, LatencyError, PolicyOutcome, SamplingAdviceResult, SamplingReport } from '../workers/api-trace-insights';
import { h, type Child } from './dom';
import { formatBytes } from './format';
import { fmtMs, fmtPct } from './operations-format';

/** A percentage with a bar behind it (the bar is decoration: the text says it). */
function bar(share: number, tone: 'keep' | 'good' | 'bad' = 'keep', text = fmtPct(share)): HTMLElement {
  const w = Number.isFinite(share) ? Math.max(0, Math.min(1, share)) * 100 : 0;
  const fill = h('span', { class: 'sl-bar-fill', attrs: { 'aria-hidden': 'true' } });
  fill.style.width = `${w.toFixed(1)}%`; // through the CSSOM: the CSP refuses style attributes
  return h('span', { class: `sl-bar sl-${tone}` }, fill, h('span', { class: 'sl-bar-text' }, text));
}

const errText = (e: number): string => (Number.isFinite(e) ? fmtPct(e) : 'nothing kept');

function vanished(r: SamplingReport): Child {
  const { services, operations } = r.vanished;
  if (!services.length && !operations.length) return 'none';
  const text = `${services.length} services, ${operations.length} operations`;
  const names = [...services.map((s) => `service ${s}`), ...operations.slice(0, 20).map((o) => `operation ${o}`)].join('\n') + (operations.length > 20 ? '\n…' : '');
  return h('span', { class: services.length ? 'sl-vanish-bad' : 'sl-vanish', attrs: { title: names } }, text);
}

/** A latency estimate's error, its figures in the title. */
function latencyCell(e: LatencyError): HTMLElement {
  return h('span', { attrs: { title: `estimated ${fmtMs(e.estimate)} (the kept traces unweighted: ${fmtMs(e.unweighted)}) against ${fmtMs(e.all)}` } }, errText(e.relativeError));
}

/** The figures of a report as cells; `compact` leaves the spans out (the candidates table). */
function reportCells(r: SamplingReport, compact = false): Child[] {
  return [
    bar(r.traces.share, 'keep', `${fmtPct(r.traces.share)} (${r.traces.kept.toLocaleString('en-US')})`),
    ...(compact ? [] : [bar(r.spans.share, 'keep', `${fmtPct(r.spans.share)} (${r.spans.kept.toLocaleString('en-US')})`)]),
    bar(r.bytes.share, 'keep', `${formatBytes(r.bytes.kept)} (${fmtPct(r.bytes.share)})`),
    r.errorTraces.total ? bar(r.errorTraces.share, r.errorTraces.share >= 0.99 ? 'good' : 'bad', `${fmtPct(r.errorTraces.share)} (${r.errorTraces.kept}/${r.errorTraces.total})`) : h('span', { class: 'muted' }, 'no error traces'),
    latencyCell(r.latency.p50),
    latencyCell(r.latency.p99),
    vanished(r),
  ];
}

const HEAD = ['Traces kept', 'Spans kept', 'Bytes kept (est. OTLP)', 'Error traces kept', 'Weighted p50 error', 'Weighted p99 error', 'Vanished'];
const COMPACT_HEAD = HEAD.filter((c) => c !== 'Spans kept');

/** What the p50/p99 errors measure, under each table that shows them. */
const weightingNote = (): HTMLElement =>
  h('p', { class: 'muted' }, 'Weighted p50/p99: estimated from the kept traces, each counted by its adjusted count (1 / the probability it was kept with) as a trace backend reads sampled data, against all traces.');

function table(caption: string, head: string[], rows: HTMLTableRowElement[], className: string): HTMLTableElement {
  const numFrom = Math.max(1, head.indexOf('Goals') + 1); // the figures: after the policy (and its verdict), up to Vanished
  return h('table', { class: `data-table ${className}` }, h('caption', null, caption),
    h('thead', null, h('tr', null, ...head.map((c, i) => h('th', { class: i >= numFrom && i < head.indexOf('Vanished') ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows));
}

export function comparisonTable(outcomes: readonly PolicyOutcome[]): HTMLElement {
  const rows = outcomes.map((o) => {
    if (!o.ok) return h('tr', { class: 'sl-invalid' }, h('th', { attrs: { scope: 'row' } }, o.policy), h('td', { attrs: { colspan: 7 }, class: 'inline-error' }, o.error));
    return h('tr', { attrs: { 'data-policy': o.policy } }, h('th', { attrs: { scope: 'row' } }, o.policy), ...reportCells(o.report).map((c) => h('td', null, c)));
  });
  const first = outcomes.find((o) => o.ok);
  const note = first?.ok ? ` — unsampled: ${first.report.traces.total.toLocaleString('en-US')} traces, ${first.report.errorTraces.total.toLocaleString('en-US')} with errors, trace p50 ${fmtMs(first.report.latency.p50.all)}, p99 ${fmtMs(first.report.latency.p99.all)}` : '';
  return h('div', null, h('div', { class: 'table-scroll' }, table(`What each policy keeps${note}`, ['Policy', ...HEAD], rows, 'sl-compare')), weightingNote());
}

function candidateRow(c: CandidateRow, recommended: string | null): HTMLTableRowElement {
  const r = c.report;
  return h('tr', { class: r.strategy === recommended ? 'sl-recommended' : c.meets ? '' : 'sl-misses', attrs: { 'data-policy': r.strategy } },
    h('th', { attrs: { scope: 'row' } }, r.strategy),
    h('td', { class: 'sl-verdict' }, c.meets ? h('span', { class: 'sl-meets' }, '✓ meets') : h('span', { class: 'sl-miss' }, `✗ ${c.misses.join('; ')}`)),
    ...reportCells(r, true).map((x) => h('td', null, x)),
  );
}

export function adviceView(a: SamplingAdviceResult, onCompare: (policy: string) => void): HTMLElement {
  const rec = a.recommended;
  const box = rec
    ? h('div', { class: 'sl-advice sl-advice-ok', attrs: { role: 'status', 'data-testid': 'advice' } },
        h('p', { class: 'sl-advice-title' }, 'Recommended: ', h('strong', null, rec.report.strategy)),
        h('p', null, a.reason),
      )
    : h('div', { class: 'sl-advice sl-advice-none', attrs: { role: 'status', 'data-testid': 'advice' } }, h('p', { class: 'sl-advice-title' }, 'No candidate meets the goals'), h('p', null, a.reason));
  if (rec && !rec.report.strategy.startsWith('tail:')) {
    const add = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Add to the comparison');
    add.addEventListener('click', () => onCompare(rec.report.strategy));
    box.append(add);
  }
  const invalid = a.invalid.map((i) => h('p', { class: 'inline-error' }, `${i.policy}: ${i.error}`));
  const rows = a.candidates.map((c) => candidateRow(c, rec?.report.strategy ?? null));
  return h('div', null, box, ...invalid, h('div', { class: 'table-scroll' }, table(`Candidates considered (${a.candidates.length}), fewest bytes first`, ['Policy', 'Goals', ...COMPACT_HEAD], rows, 'sl-candidates')), weightingNote());
}
