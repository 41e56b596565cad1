// The SLO editor's form: name, service, SLI (counters good/bad over total, histogram buckets under a
// latency threshold, spans by status and duration, or a threshold on a series), objective, window and
// budgeting; reads and writes an SloDraft and shows each problem under its field.
import type { DraftProblem, SloDraft } from '../workers/api-slo';
import { h, replace } from './dom';

type Field = keyof SloDraft;

const SLI_KINDS: [SloDraft['sliKind'], string][] = [
  ['counters', 'Ratio from counters'],
  ['histogram', 'Ratio from histogram buckets (latency)'],
  ['spans', 'Ratio from spans (status and duration)'],
  ['threshold', 'Threshold on a series'],
];
const WINDOWS: [string, string][] = [['1h', 'rolling 1 hour'], ['24h', 'rolling 24 hours'], ['7d', 'rolling 7 days'], ['28d', 'rolling 28 days'], ['30d', 'rolling 30 days'], ['week', 'calendar week (UTC)'], ['month', 'calendar month (UTC)']];
const METHODS: [SloDraft['budgetingMethod'], string][] = [['Occurrences', 'Occurrences (good / total events)'], ['Timeslices', 'Timeslices (good slices / slices)'], ['RatioTimeslices', 'RatioTimeslices (mean of slice ratios)']];
const OPS: SloDraft['op'][] = ['<=', '<', '>=', '>', '=='];

export interface SloForm {
  element: HTMLFormElement;
  read(): SloDraft;
  write(d: SloDraft): void;
  showProblems(problems: readonly DraftProblem[]): void;
  /** Read-only while the YAML holds several SLOs (the form shows one; editing it would drop the others). */
  setReadOnly(readOnly: boolean): void;
}

export function sloForm(seriesNames: readonly string[], services: readonly string[], onInput: () => void): SloForm {
  let draft: SloDraft | undefined;
  const inputs = new Map<Field, HTMLInputElement | HTMLSelectElement>();
  const errors = new Map<Field, HTMLElement>();
  const general = h('ul', { class: 'slo-form-problems', attrs: { 'aria-live': 'polite' } });
  const listId = `slo-series-${Math.random().toString(36).slice(2)}`;
  const serviceListId = `${listId}-services`;
  const field = (name: Field, label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement => {
    const id = `slo-f-${name}-${listId}`;
    control.id = id;
    control.name = name;
    control.addEventListener('input', onInput);
    control.addEventListener('change', onInput);
    inputs.set(name, control);
    const err = h('span', { class: 'slo-field-error', attrs: { id: `${id}-err`, role: 'alert' } });
    control.setAttribute('aria-describedby', `${id}-err`);
    errors.set(name, err);
    return h('div', { class: `slo-field slo-field-${name}` }, h('label', { attrs: { for: id } }, label), control, hint ? h('span', { class: 'muted slo-field-hint' }, hint) : null, err);
  };
  const text = (placeholder = '', list?: string) => h('input', { attrs: { type: 'text', placeholder, spellcheck: 'false', autocomplete: 'off', list } });
  const select = (options: readonly (readonly [string, string])[]) => h('select', null, ...options.map(([v, l]) => h('option', { attrs: { value: v } }, l)));

  const groups = {
    counters: h('div', { class: 'slo-group' },
      field('ratio', 'Events counted', select([['bad', 'bad / total'], ['good', 'good / total']])),
      field('numerator', 'Good or bad events (selector)', text('http_requests_total{code=~"5.."}', listId)),
      field('total', 'Total events (selector)', text('http_requests_total', listId))),
    histogram: h('div', { class: 'slo-group' },
      field('histogram', 'Histogram buckets (selector)', text('http_request_duration_seconds_bucket', listId)),
      field('latencyThreshold', 'Latency threshold (histogram unit)', text('0.5'), 'good = the le bucket at the threshold, or the first above it')),
    spans: h('div', { class: 'slo-group' },
      field('spanService', 'Service (empty: every service)', text('checkout', serviceListId)),
      field('spanOperation', 'Operation (empty: every one)', text('')),
      field('maxDurationMs', 'Slowest good span, ms (empty: no bound)', text('300')),
      h('p', { class: 'muted slo-field-hint' }, 'good = not error status and no slower than the bound')),
    threshold: h('div', { class: 'slo-group' },
      field('series', 'Series (selector)', text('p99_latency_ms', listId)),
      field('op', 'Good when value', select(OPS.map((o) => [o, o] as const))),
      field('threshold', 'Threshold', text('500'), 'each sample is an event')),
  };
  const sliceFields = h('div', { class: 'slo-group' },
    field('timeSliceWindow', 'Time slice', text('1m'), 'whole minutes, e.g. 1m or 5m'),
    field('timeSliceTargetPercent', 'Good slice needs, %', text('95')));
  const element = h('form', { class: 'slo-form', attrs: { 'aria-label': 'SLO definition' }, on: { submit: (e) => e.preventDefault() } },
    h('datalist', { attrs: { id: listId } }, ...seriesNames.map((n) => h('option', { attrs: { value: n } }))),
    h('datalist', { attrs: { id: serviceListId } }, ...services.map((n) => h('option', { attrs: { value: n } }))),
    h('div', { class: 'slo-group' },
      field('name', 'Name', text('checkout-availability'), 'lower-case letters, digits and -'),
      field('service', 'Service', text('checkout', serviceListId))),
    field('description', 'Description', text('')),
    field('sliKind', 'SLI', select(SLI_KINDS)),
    groups.counters, groups.histogram, groups.spans, groups.threshold,
    h('div', { class: 'slo-group' },
      field('objectivePercent', 'Objective, %', text('99.9')),
      field('window', 'Window', select(WINDOWS)),
      field('budgetingMethod', 'Budgeting', select(METHODS))),
    sliceFields,
    general,
  );
  const get = (f: Field) => (inputs.get(f) as HTMLInputElement).value;
  const sync = () => {
    const kind = get('sliKind') as SloDraft['sliKind'];
    for (const [k, g] of Object.entries(groups)) g.hidden = k !== kind;
    const method = get('budgetingMethod');
    sliceFields.hidden = method === 'Occurrences';
    (inputs.get('timeSliceTargetPercent') as HTMLElement).closest('.slo-field')?.toggleAttribute('hidden', method !== 'Timeslices');
  };
  element.addEventListener('input', sync);
  element.addEventListener('change', sync);
  return {
    element,
    read() {
      const d = { ...(draft as SloDraft) };
      for (const [f, el] of inputs) (d as unknown as Record<string, string>)[f] = el.value;
      return d;
    },
    write(d) {
      draft = d;
      for (const [f, el] of inputs) {
        const v = String(d[f] ?? '');
        if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === v)) el.append(h('option', { attrs: { value: v } }, `rolling ${v}`));
        el.value = v;
      }
      sync();
    },
    setReadOnly(readOnly) {
      for (const el of inputs.values()) el.disabled = readOnly;
    },
    showProblems(problems) {
      for (const err of errors.values()) err.textContent = '';
      const rest: string[] = [];
      for (const p of problems) {
        const err = p.field ? errors.get(p.field) : undefined;
        if (err && !(err.closest('[hidden]'))) err.textContent = err.textContent ? `${err.textContent} ${p.message}` : p.message;
        else rest.push(p.message);
      }
      for (const [f, el] of inputs) el.toggleAttribute('aria-invalid', Boolean(errors.get(f)?.textContent));
      replace(general, ...rest.map((m) => h('li', null, m)));
    },
  };
}
