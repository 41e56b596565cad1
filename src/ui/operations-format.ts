// What the service graph, operations and sampling views share: ms and percent text, error-rate classes,
// plain accessible tables, links between the Traces tabs, and the summary request (skew flag from the route).
import type { DatasetMeta } from '../model/series';
import type { TraceSummary } from '../workers/api-trace-insights';
import type { Workers } from '../workers/spawn';
import { h, replace, type Child } from './dom';
import { whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { datasetHref } from './router';

/** "12.3 ms", "1.25 s", "0.004 ms"; "—" when undefined. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${Number(ms.toPrecision(2))} ms`;
}

/** A share 0..1 as "7.1 %" ("—" when undefined). */
export function fmtPct(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

/** Error-rate band for colouring: none, under 5 %, 5 % and over. */
export function errorBand(rate: number): 'ok' | 'low' | 'high' {
  return !(rate > 0) ? 'ok' : rate < 0.05 ? 'low' : 'high';
}

export interface Column {
  label: string;
  num?: boolean;
}

/** A table with a caption, column headers and a row header (first cell) per row. */
export function plainTable(caption: string, columns: readonly Column[], rows: readonly Child[][], className = ''): HTMLTableElement {
  return h(
    'table',
    { class: `data-table ${className}`.trim() },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...columns.map((c) => h('th', { class: c.num ? 'num' : undefined, attrs: { scope: 'col' } }, c.label)))),
    h(
      'tbody',
      null,
      ...rows.map((r) =>
        h('tr', null, h('th', { attrs: { scope: 'row' } }, r[0]), ...r.slice(1).map((c, i) => h('td', { class: columns[i + 1]?.num ? 'num' : undefined }, c))),
      ),
    ),
  );
}

/** The href of a Traces tab with parameters (empty values left out). */
export function tracesTabHref(meta: DatasetMeta, tab: 'list' | 'graph' | 'operations' | 'sampling', params: Record<string, string | undefined> = {}): string {
  const p: Record<string, string> = { tab };
  for (const [k, v] of Object.entries(params)) if (v) p[k] = v;
  return datasetHref(meta.id, 'traces', p);
}

/** The trace list filtered by service (and operation; failing traces only with `errorsOnly`), in the list's own parameter names. */
export function traceListHref(meta: DatasetMeta, service: string, operation?: string, errorsOnly = false): string {
  return tracesTabHref(meta, 'list', { svc: service, op: operation, err: errorsOnly ? '1' : undefined });
}

/** The dataset's trace summary (clock skew adjusted when the route says skew=1), as a busy span. */
export function loadSummary(workers: Workers, meta: DatasetMeta, params: URLSearchParams): Promise<TraceSummary> {
  return whileBusy(() => workers.analysis.traceSummary(meta.id, { clockSkew: params.get('skew') === '1' }));
}

/** A readable message of a failed worker call. */
export function failure(what: string, e: unknown): HTMLElement {
  return h('p', { class: 'inline-error', attrs: { role: 'alert' } }, `${what}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * The handle of a view drawn from the trace summary: on mount the summary is requested and handed to `show`
 * (unless the view was destroyed meanwhile); a failure is shown in `errorHost`.
 */
export function summaryHandle(element: HTMLElement, workers: Workers, meta: DatasetMeta, params: URLSearchParams, errorHost: HTMLElement, show: (s: TraceSummary) => void, cleanup?: () => void): ViewHandle & { alive(): boolean } {
  let destroyed = false;
  return {
    element,
    alive: () => !destroyed,
    mount() {
      loadSummary(workers, meta, params).then(
        (s) => !destroyed && show(s),
        (e: unknown) => !destroyed && replace(errorHost, failure('Could not analyse the traces', e)),
      );
    },
    destroy() {
      destroyed = true;
      cleanup?.();
    },
  };
}
