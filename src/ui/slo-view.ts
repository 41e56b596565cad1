// The SLOs view of a dataset: the list of its SLOs with status chips, the selected SLO's charts, alerts
// and forecast, the editor (form + OpenSLO YAML), suggestions, and the reports (Markdown, CSV, HTML, print).
import type { DatasetMeta } from '../model/series';
import { emptyDraft, type SloDraft, type SloEvaluated, type SloReportFormat, type SloSuggestion, type SlosEvaluation, type StoredSlos } from '../workers/api-slo';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { numParam, replaceParams } from './router';
import { sloDetail, type SloDetail } from './slo-detail';
import { sloEditor } from './slo-editor';
import { sloPrintView } from './slo-print';

const REPORT_FILES: Record<SloReportFormat, { ext: string; type: string; label: string }> = {
  md: { ext: 'md', type: 'text/markdown', label: 'Markdown report' },
  csv: { ext: 'csv', type: 'text/csv', label: 'CSV report' },
  html: { ext: 'html', type: 'text/html', label: 'HTML report' },
};

/** Saves text as a file through a Blob and an object URL (nothing leaves the machine). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: fileName, hidden: true } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function chips(r: SloEvaluated): HTMLElement {
  const s = r.summary;
  const status = s.met === null ? 'no data' : s.met ? 'met' : 'missed';
  const firing = [...new Set(s.burnRates.filter((w) => w.firing).map((w) => w.severity))];
  return h('span', { class: 'slo-chips' },
    h('span', { class: `slo-chip slo-chip-${status.replace(' ', '-')}` }, status),
    s.budgetRemaining === null ? null : h('span', { class: `slo-chip ${s.budgetRemaining <= 0 ? 'slo-chip-missed' : s.budgetRemaining < 0.25 ? 'slo-chip-ticket' : 'slo-chip-plain'}` }, `budget ${(s.budgetRemaining * 100).toFixed(0)} %`),
    ...firing.map((sev) => h('span', { class: `slo-chip slo-chip-${sev === 'page' || sev === 'ticket' ? sev : 'other'}` }, `firing ${sev}`)),
    s.alerts.length ? h('span', { class: 'slo-chip slo-chip-plain' }, `${s.alerts.length} alert${s.alerts.length === 1 ? '' : 's'}`) : null);
}

export function sloView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  if (params.get('print') === '1') return sloPrintView(workers, meta);
  let stored: StoredSlos | undefined;
  let evaluation: SlosEvaluation | undefined;
  let selected = params.get('slo') ?? undefined;
  let detail: SloDetail | undefined;
  let editor: { destroy(): void } | undefined;
  let destroyed = false;
  const from = numParam(params, 'from', NaN);
  const to = numParam(params, 'to', NaN);
  let range: [number, number] | undefined = Number.isFinite(from) && Number.isFinite(to) && to > from ? [from, to] : undefined;

  const status = h('p', { class: 'slo-status muted', attrs: { role: 'status' } });
  const list = h('ul', { class: 'slo-list', attrs: { 'aria-label': 'SLOs of this dataset' } });
  const main = h('div', { class: 'slo-main' });
  const seriesNames = meta.series.map((s) => s.name);
  const services = meta.services ?? [];

  const report = (format: SloReportFormat) => async () => {
    try {
      const text = await whileBusy(() => workers.analysis.sloReport(meta.id, format));
      const f = REPORT_FILES[format];
      downloadText(text, `${meta.name.replace(/\.[^.]+$/, '')}-slo-report.${f.ext}`, f.type);
      status.textContent = `${f.label} saved as a download.`;
    } catch (e) {
      status.textContent = `No report: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  const reportButtons = (['md', 'csv', 'html'] as const).map((f) => h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => void report(f)() } }, REPORT_FILES[f].label));
  const printLink = h('a', { class: 'btn btn-small', attrs: { href: `#/dataset/${encodeURIComponent(meta.id)}/slos?print=1` } }, 'Printable report');
  const header = h('header', { class: 'view-header slo-header' },
    h('h2', { attrs: { id: 'slo-title' } }, 'SLOs'),
    h('span', { class: 'muted' }, meta.name),
    h('span', { class: 'toolbar-spacer' }),
    h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'button' }, on: { click: () => openEditor(undefined, emptyDraft()) } }, 'New SLO'),
    h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => void suggest() } }, 'Suggest SLOs'),
    ...reportButtons, printLink);

  function closeMain(): void {
    detail?.destroy();
    detail = undefined;
    editor?.destroy();
    editor = undefined;
  }

  function openEditor(original: string | undefined, draft: SloDraft, yaml?: string, reasons: readonly SloSuggestion[] = []): void {
    closeMain();
    const ed = sloEditor({
      workers, datasetId: meta.id, original, draft, ...(yaml !== undefined ? { yaml } : {}), seriesNames, services,
      onSaved: (names) => {
        selected = names[0] ?? selected;
        void load(`Saved ${names.join(', ')}.`);
      },
      onDeleted: () => {
        selected = undefined;
        void load(`Deleted ${original}.`);
      },
      onCancel: () => showSelected(),
    });
    editor = ed;
    replace(main,
      reasons.length ? h('div', { class: 'slo-suggestions' }, h('h3', null, 'Suggested from this dataset'), h('ul', null, ...reasons.map((s) => h('li', null, h('strong', null, s.slo.name), ': ', s.reason)))) : null,
      ed.element);
  }

  async function suggest(): Promise<void> {
    const r = await whileBusy(() => workers.analysis.suggestSlos(meta.id));
    if (destroyed) return;
    if (!r.yaml) {
      status.textContent = 'Nothing to suggest: no error/request counters, histogram buckets, latency or error-rate series, or spans were found.';
      return;
    }
    openEditor(undefined, emptyDraft(), r.yaml, r.suggestions);
  }

  function showSelected(): void {
    closeMain();
    const results = evaluation?.results ?? [];
    for (const li of list.querySelectorAll('button[data-slo]')) li.setAttribute('aria-current', String(li.getAttribute('data-slo') === selected));
    if (stored?.problems.length) {
      replace(main, h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, h('strong', null, 'The stored SLOs cannot be read'), h('ul', null, ...stored.problems.map((p) => h('li', null, p)))),
        h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: () => openEditor(undefined, emptyDraft(), stored?.yaml ?? '') } }, 'Open the YAML in the editor'));
      return;
    }
    if (!results.length) {
      replace(main, h('div', { class: 'empty-note slo-empty' }, h('p', null, 'No SLOs for this dataset yet.'), h('p', { class: 'muted' }, 'Create one with New SLO (a ratio of good or bad events to total events from counters, histogram buckets or spans, or a threshold on a series), or let Suggest SLOs propose some from the dataset\'s own series.')));
      return;
    }
    const r = results.find((x) => x.slo.name === selected) ?? results[0];
    selected = r.slo.name;
    for (const li of list.querySelectorAll('button[data-slo]')) li.setAttribute('aria-current', String(li.getAttribute('data-slo') === selected));
    replaceParams({ slo: selected });
    detail = sloDetail(r, range, (t0, t1) => {
      range = [t0, t1];
      replaceParams({ from: Math.round(t0), to: Math.round(t1) });
    });
    const edit = h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => void editSelected(r) } }, 'Edit');
    replace(main, h('header', { class: 'slo-detail-head' }, h('h3', null, r.slo.displayName ?? r.slo.name), r.slo.service ? h('span', { class: 'muted' }, `service ${r.slo.service}`) : null, r.slo.description ? h('span', { class: 'muted' }, r.slo.description) : null, h('span', { class: 'toolbar-spacer' }), edit), detail.element);
    detail.mount();
  }

  async function editSelected(r: SloEvaluated): Promise<void> {
    const one = await whileBusy(() => workers.analysis.editSlo(meta.id, r.slo.name));
    if (destroyed) return;
    if (!one) status.textContent = `${r.slo.name} is no longer stored.`;
    else openEditor(r.slo.name, one.draft);
  }

  function renderList(): void {
    const results = evaluation?.results ?? [];
    replace(list, ...results.map((r) => h('li', null, h('button', { class: 'slo-list-item', attrs: { type: 'button', 'data-slo': r.slo.name, 'aria-current': String(r.slo.name === selected) }, on: {
      click: () => {
        selected = r.slo.name;
        range = undefined;
        replaceParams({ slo: selected, from: undefined, to: undefined });
        showSelected();
      },
    } }, h('span', { class: 'slo-list-name' }, r.slo.name), chips(r)))));
  }

  async function load(message = ''): Promise<void> {
    status.textContent = 'Evaluating…';
    try {
      await whileBusy(async () => {
        stored = await workers.analysis.listSlos(meta.id);
        evaluation = await workers.analysis.evaluateSlos(meta.id);
      });
      if (destroyed) return;
      const n = evaluation?.results.length ?? 0;
      status.textContent = message || (n ? `${n} SLO${n === 1 ? '' : 's'}, evaluated every ${(evaluation?.stepMs ?? 60_000) / 60_000} min over the dataset.` : '');
      renderList();
      showSelected();
    } catch (e) {
      status.textContent = `The SLOs could not be evaluated: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  const element = h('section', { class: 'view slo-view', attrs: { 'aria-labelledby': 'slo-title' } }, header, status, h('div', { class: 'slo-layout' }, h('aside', { class: 'slo-aside' }, list), main));
  return {
    element,
    mount() {
      void load();
    },
    destroy() {
      destroyed = true;
      closeMain();
    },
  };
}
