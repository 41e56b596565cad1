// The Percentiles view of a dataset: pick a series, histogram, summary or span set, a bucket width and
// exact or sketch; p50 … p99.9 lines over time, the exact-vs-sketch summary and the chart's table view.
import type { DatasetMeta } from '../model/series';
import { BUCKET_CHOICES, bucketLabel, type PercentileResult, type PercentileSourceRef, type PercentileSources } from '../workers/api-percentiles';
import type { Workers } from '../workers/spawn';
import { legendItem, tableToggle } from './chart-controls';
import { h, replace } from './dom';
import { formatCount, formatTime, formatValue, withUnit } from './format';
import { whileBusy } from './idle';
import { onAction } from './keymap';
import type { ViewHandle } from './metrics-view';
import { LINE_COUNT, PercentileChart } from './percentile-chart';
import { defaultSource, parseSelection, selectionParams, sourceFromParams, sourceKey, type PercentileSelection } from './percentile-route';
import { bucketTable, summaryTable } from './percentile-tables';
import { replaceParams } from './router';

const BUCKET_LABELS: Record<string, string> = { auto: 'auto', '1m': '1 minute', '5m': '5 minutes', '15m': '15 minutes', '1h': '1 hour' };

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  return h('option', { attrs: { value, selected } }, label);
}

/** The source picker: one option per series, histogram, summary and span set, grouped. */
function sourcePicker(s: PercentileSources, selected: PercentileSourceRef): HTMLSelectElement {
  const current = sourceKey(selected);
  const opt = (ref: PercentileSourceRef, label: string) => option(sourceKey(ref), label, sourceKey(ref) === current);
  const groups: HTMLOptGroupElement[] = [];
  const group = (label: string, options: HTMLOptionElement[]) => options.length && groups.push(h('optgroup', { attrs: { label } }, ...options));
  group('Series', s.series.filter((x) => x.kind === 'values').map((x) => opt({ kind: 'series', index: x.index }, x.name)));
  group('Counters', s.series.filter((x) => x.kind === 'counter').flatMap((x) => [opt({ kind: 'series', index: x.index }, x.name), opt({ kind: 'rate', index: x.index }, `rate(${x.name})`)]));
  group('Histograms', s.histograms.map((x) => opt({ kind: 'histogram', key: x.key }, `${x.name} (${x.parts} buckets)`)));
  group('Summaries', s.summaries.map((x) => opt({ kind: 'summary', key: x.key }, `${x.name} (${x.parts} quantiles)`)));
  if (s.spans) {
    const spans = (service?: string, operation?: string): PercentileSourceRef => ({ kind: 'spans', ...(service !== undefined ? { service } : {}), ...(operation !== undefined ? { operation } : {}), errorsOnly: false });
    group('Span sets', [
      opt(spans(), `Every span (${formatCount(s.spans.spanCount)})`),
      ...s.spans.services.map((sv) => opt(spans(sv), `Service ${sv}`)),
      ...s.spans.operations.map((o) => opt(spans(o.service, o.operation), `${o.service} · ${o.operation}`)),
    ]);
  }
  return h('select', { attrs: { 'aria-label': 'Source' } }, ...groups);
}

function segmented(label: string, values: readonly [string, string][], selected: string, onChange: (v: string) => void): HTMLElement {
  const buttons = values.map(([v, text]) =>
    h('button', { class: 'btn seg', attrs: { type: 'button', 'aria-pressed': String(v === selected), 'data-value': v } }, text),
  );
  for (const b of buttons) {
    b.addEventListener('click', () => {
      for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
      onChange(b.dataset.value ?? '');
    });
  }
  return h('span', { class: 'segmented', attrs: { role: 'group', 'aria-label': label } }, ...buttons);
}

export function percentilesView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const sel: PercentileSelection = parseSelection(params);
  let sources: PercentileSources | undefined;
  let last: PercentileResult | undefined;
  let seq = 0;
  let destroyed = false;

  const heading = h('h2', { attrs: { id: 'percentiles-title' } }, 'Percentiles');
  const subtitle = h('span', { class: 'muted' }, meta.name);
  const toolbar = h('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Percentile controls' } });
  const legend = h('div', { class: 'legend' });
  const notes = h('div', { class: 'percentile-notes', attrs: { 'aria-live': 'polite' } });
  const status = h('p', { class: 'chart-summary', attrs: { role: 'status' } }, 'Loading sources…');
  const chartError = h('p', { class: 'inline-error', attrs: { role: 'alert', hidden: true } });
  const chartHost = h('div', { class: 'chart percentile-chart', attrs: { role: 'img', 'aria-label': 'Percentile chart' } });
  const readout = h('p', { class: 'chart-readout', attrs: { 'aria-hidden': 'true' } }, ' ');
  const summaryHost = h('section', { class: 'percentile-summary-host', attrs: { 'aria-label': 'Summary' } });
  const tableHost = h('section', { class: 'table-view', attrs: { 'aria-label': 'Chart data table' } });
  const table = tableToggle(tableHost, params.get('table') === '1', () => renderTable());
  const chart = new PercentileChart(chartHost, (i) => {
    readout.textContent = !last || i < 0 || i >= last.t.length ? ' ' : `${formatTime(last.t[i])} UTC · ${formatCount(last.count[i])} values · ${last.lines.map((l) => `${l.name} ${withUnit(formatValue(l.v[i]), last?.unit ?? '')}`).join(' · ')}`;
  });

  const element = h(
    'section',
    { class: 'view percentiles-view', attrs: { 'aria-labelledby': 'percentiles-title' } },
    h('header', { class: 'view-header' }, heading, subtitle),
    toolbar, legend, status, notes, chartError, chartHost, readout, summaryHost, tableHost,
  );

  function renderTable(): void {
    if (table.shown() && last) replace(tableHost, bucketTable(last));
  }

  function renderControls(s: PercentileSources, source: PercentileSourceRef): void {
    const picker = sourcePicker(s, source);
    picker.addEventListener('change', () => {
      const ref = sourceFromParams(new URLSearchParams(picker.value));
      if (!ref) return;
      sel.source = ref.kind === 'spans' && sel.source?.kind === 'spans' ? { ...ref, errorsOnly: sel.source.errorsOnly } : ref;
      renderControls(s, sel.source);
      void load();
    });
    const errors = h('input', { attrs: { type: 'checkbox', checked: source.kind === 'spans' && source.errorsOnly } });
    errors.addEventListener('change', () => {
      if (sel.source?.kind !== 'spans') return;
      sel.source = { ...sel.source, errorsOnly: errors.checked };
      void load();
    });
    const bucket = h('select', { attrs: { 'aria-label': 'Bucket width' } }, ...BUCKET_CHOICES.map((b) => option(b, BUCKET_LABELS[b], b === sel.bucket)));
    bucket.addEventListener('change', () => {
      sel.bucket = bucket.value as PercentileSelection['bucket'];
      void load();
    });
    const method = segmented('Method', [['exact', 'Exact'], ['sketch', 'Sketch']], sel.method, (v) => {
      sel.method = v === 'sketch' ? 'sketch' : 'exact';
      void load();
    });
    replace(
      toolbar,
      h('label', { class: 'field' }, h('span', null, 'Source'), picker),
      source.kind === 'spans' ? h('label', { class: 'field check' }, errors, h('span', null, 'Errors only')) : null,
      h('label', { class: 'field' }, h('span', null, 'Bucket'), bucket),
      h('span', { class: 'field' }, h('span', null, 'Lines from'), method),
      h('span', { class: 'toolbar-spacer' }),
      table.button,
    );
  }

  function counterNote(r: PercentileResult, index: number): HTMLElement {
    const button = h('button', { class: 'btn', attrs: { type: 'button' } }, `Show percentiles of rate(${r.title})`);
    button.addEventListener('click', () => {
      sel.source = { kind: 'rate', index };
      if (sources) renderControls(sources, sel.source);
      void load();
    });
    return h('div', { class: 'percentile-counter' }, h('p', null, r.notes[0] ?? ''), button);
  }

  function show(r: PercentileResult): void {
    last = r;
    chartError.hidden = true;
    replace(subtitle, `${r.title} · ${meta.name}`);
    const counter = r.kind === 'counter';
    chartHost.hidden = counter || r.t.length === 0;
    replace(legend, ...r.lines.map((l, j) => legendItem(`swatch-line line-${j % LINE_COUNT}`, l.name)));
    if (counter && sel.source?.kind === 'series') replace(notes, counterNote(r, sel.source.index));
    else replace(notes, ...r.notes.map((n) => h('p', { class: 'muted' }, n)));
    status.textContent = counter
      ? 'No percentile lines for a counter.'
      : `${formatCount(r.valueCount)} ${r.kind === 'histogram' ? 'observations' : r.valueCount === 1 ? 'value' : 'values'} in ${formatCount(r.t.length)} ${r.t.length === 1 ? 'bucket' : 'buckets'} of ${bucketLabel(r.bucketMs)} · ${r.kind === 'values' ? (r.method === 'sketch' ? 'lines from per-bucket sketches' : 'exact lines (selection)') : r.kind === 'histogram' ? 'histogram_quantile per bucket' : 'the summary’s own quantiles'}`;
    if (!chartHost.hidden) chart.draw(r);
    replace(summaryHost, counter ? null : summaryTable(r));
    renderTable();
  }

  async function load(): Promise<void> {
    const source = sel.source;
    if (!source) return;
    replaceParams(selectionParams({ ...sel, source }));
    const mine = ++seq;
    try {
      const r = await whileBusy(() => workers.analysis.percentileSeries({ datasetId: meta.id, source, bucket: sel.bucket, method: sel.method }));
      if (mine === seq && !destroyed) show(r);
    } catch (e) {
      if (mine !== seq || destroyed) return;
      chartError.hidden = false;
      chartError.textContent = `Could not compute percentiles: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  const unbind: (() => void)[] = [];
  return {
    element,
    mount() {
      unbind.push(onAction('table', table.toggle));
      void whileBusy(async () => {
        try {
          sources = await workers.analysis.percentileSources(meta.id);
        } catch (e) {
          status.textContent = `Could not list the sources: ${e instanceof Error ? e.message : String(e)}`;
          return;
        }
        if (destroyed) return;
        const source = sel.source ?? defaultSource(sources);
        if (!source) {
          status.textContent = 'This dataset has nothing to take percentiles of: import metrics (a series, a histogram or a summary) or traces.';
          return;
        }
        sel.source = source;
        renderControls(sources, source);
        await load();
      });
    },
    destroy() {
      destroyed = true;
      for (const fn of unbind) fn();
      chart.destroy();
    },
  };
}
