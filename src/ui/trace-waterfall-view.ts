// One open trace: its header (root, start, duration, counts, root cause), the clock-skew toggle, the canvas
// waterfall with its find box and the span details panel; `span=<row>`, `skew=1` and `find=<text>` in the
// route keep the selection linkable.

import type { DatasetMeta } from '../model/series';
import { ROW_FLAG, type WaterfallRows } from '../workers/api-traces';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { formatCount, formatTime } from './format';
import { busy } from './idle';
import { replaceParams } from './router';
import { spanPanel } from './trace-span-panel';
import { traceFind } from './trace-find';
import { Waterfall } from './waterfall';
import { formatMicros } from './waterfall-layout';

export interface OpenTrace {
  element: HTMLElement;
  mount(): void;
  destroy(): void;
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) => h('li', null, h('span', { class: `wf-key ${cls}`, attrs: { 'aria-hidden': 'true' } }), text);
  return h(
    'ul',
    { class: 'wf-legend', attrs: { 'aria-label': 'Legend' } },
    item('critical', 'critical path'),
    item('root-cause', 'root cause (where the error started)'),
    item('error', 'error span'),
    item('missing', 'missing parent (orphans below)'),
    h('li', { class: 'muted' }, 'click a row or use ↑ ↓ for its details; ← → collapse and expand; drag across the time axis or the overview (or + −) to zoom'),
  );
}

export function openTrace(workers: Workers, meta: DatasetMeta, params: URLSearchParams, traceId: string, listHref: string): OpenTrace {
  let alive = true;
  let skew = params.get('skew') === '1';
  let spanSeq = 0;
  const resetZoom = h('button', { class: 'btn btn-small', attrs: { type: 'button', hidden: true } }, 'Reset zoom');
  const waterfall = new Waterfall({ select: (row) => void showSpan(row), zoom: (zoomed) => (resetZoom.hidden = !zoomed) });
  resetZoom.addEventListener('click', () => waterfall.resetZoom());
  const title = h('h2', { class: 'trace-title' }, 'Trace ', h('code', null, traceId));
  const facts = h('p', { class: 'trace-facts muted', attrs: { role: 'status' } }, 'Loading the trace…');
  const cause = h('div', { class: 'trace-cause' });
  const skewButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': skew ? 'true' : 'false', title: 'Shift child spans into their parents where host clocks disagree (as Jaeger does)' } }, 'Clock-skew adjustment');
  const tableButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': 'false' } }, 'Table');
  const find = traceFind(params.get('find') ?? '', {
    search: (text) => workers.analysis.findInTrace(meta.id, traceId, text),
    show: (rows, text) => {
      waterfall.setMatches(rows);
      replaceParams({ find: text || undefined });
    },
    selected: () => Number(params.get('span') ?? -1),
    select: (row) => waterfall.select(row),
  });
  const details = h('div', { class: 'span-panel-host' }, h('p', { class: 'muted span-panel-empty' }, 'Select a span to see its attributes, events and links.'));
  const element = h(
    'section',
    { class: 'trace-open', attrs: { 'aria-labelledby': 'trace-open-title' } },
    h(
      'header',
      { class: 'trace-open-head' },
      h('a', { class: 'btn btn-small', attrs: { href: listHref } }, '← Traces'),
      h('div', { class: 'trace-open-titles', attrs: { id: 'trace-open-title' } }, title, facts),
      h('span', { class: 'toolbar-spacer' }),
      resetZoom,
      skewButton,
      tableButton,
    ),
    cause,
    find.element,
    legend(),
    h('div', { class: 'trace-open-body' }, h('div', { class: 'trace-open-main' }, waterfall.element), details),
  );

  skewButton.addEventListener('click', () => {
    skew = !skew;
    skewButton.setAttribute('aria-pressed', skew ? 'true' : 'false');
    replaceParams({ skew: skew ? 1 : undefined });
    void load(Number(params.get('span') ?? -1));
  });
  tableButton.addEventListener('click', () => {
    const on = tableButton.getAttribute('aria-pressed') !== 'true';
    tableButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    waterfall.showTable(on);
  });

  function renderFacts(r: WaterfallRows): void {
    const root = r.count ? `${r.services[r.service[0]] || '(missing root)'} · ${r.operations[r.operation[0]]}` : '';
    const skewNote = skew ? ` · ${formatCount(r.counts.skewShifted)} span${r.counts.skewShifted === 1 ? '' : 's'} shifted for clock skew` : '';
    facts.textContent = `${root} · ${formatTime(r.traceStartUs / 1000)} UTC · ${formatMicros(r.durationUs)} · ${formatCount(r.counts.spans)} spans · ${formatCount(r.counts.errors)} error${r.counts.errors === 1 ? '' : 's'} · depth ${r.counts.maxDepth + 1}${r.counts.placeholders ? ` · ${r.counts.placeholders} missing parent${r.counts.placeholders === 1 ? '' : 's'}` : ''}${skewNote}`;
    const rc = r.counts.rootCause;
    if (rc >= 0) {
      let propagated = 0;
      for (let i = 0; i < r.count; i++) if (r.flags[i] & ROW_FLAG.propagated) propagated++;
      replace(
        cause,
        h(
          'p',
          { class: 'trace-cause-line', attrs: { role: 'note' } },
          h('strong', null, 'Root cause: '),
          `${r.services[r.service[rc]]} · ${r.operations[r.operation[rc]]}`,
          propagated ? ` (row ${rc}); the error propagated through ${propagated} span${propagated === 1 ? '' : 's'} above it. ` : ` (row ${rc}); no span above it failed. `,
          h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => waterfall.select(rc) } }, 'Show root cause'),
        ),
      );
    } else replace(cause);
  }

  async function showSpan(row: number): Promise<void> {
    const mine = ++spanSeq;
    params.set('span', String(row));
    replaceParams({ span: row });
    const end = busy();
    try {
      const d = await workers.analysis.spanDetail(meta.id, traceId, row, { clockSkew: skew });
      if (!alive || mine !== spanSeq) return;
      if (!d) replace(details, h('p', { class: 'muted' }, `Row ${row} is not in this trace.`));
      else replace(details, spanPanel(d, () => closeSpan()));
    } catch (e) {
      if (alive && mine === spanSeq) replace(details, h('p', { class: 'inline-error' }, `Could not read the span: ${e instanceof Error ? e.message : String(e)}`));
    } finally {
      end();
    }
  }

  function closeSpan(): void {
    spanSeq++;
    params.delete('span');
    replaceParams({ span: undefined });
    waterfall.select(-1, false);
    replace(details, h('p', { class: 'muted span-panel-empty' }, 'Select a span to see its attributes, events and links.'));
  }

  async function load(selectRow: number): Promise<void> {
    const end = busy();
    const started = performance.now();
    try {
      const r = await workers.analysis.traceDetail(meta.id, traceId, { clockSkew: skew });
      if (!alive) return;
      if (!r) {
        facts.textContent = `This dataset has no trace ${traceId}.`;
        return;
      }
      renderFacts(r);
      const row = Number.isInteger(selectRow) && selectRow >= 0 && selectRow < r.count ? selectRow : -1;
      waterfall.setRows(r, row);
      find.refresh();
      if (row >= 0) void showSpan(row);
      // First render time (worker call + layout + first frame), for the benchmark notes; not asserted anywhere.
      requestAnimationFrame(() => console.info(`[faultline] waterfall of ${r.count} rows: first render ${(performance.now() - started).toFixed(1)} ms`));
    } catch (e) {
      if (alive) facts.textContent = `Could not open the trace: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      end();
    }
  }

  return {
    element,
    mount: () => void load(Number(params.get('span') ?? -1)),
    destroy: () => {
      alive = false;
      waterfall.destroy();
    },
  };
}
