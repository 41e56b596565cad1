// The chaos lab's side panel for the selected fault: kind, targets from the model's services, start and
// duration as offsets ("10m"), probability, and the kind's own parameters with units and anchor names.

import type { Fault, FaultKind } from '../workers/api-chaos';
import { h } from './dom';
import { defaultFault, FAULT_LABELS, FAULT_PARAMS, formatOffset, parseOffset } from './chaos-format';

export interface FaultFormOptions {
  fault: Fault;
  index: number;
  services: readonly string[];
  onChange(f: Fault): void;
  onRemove(): void;
}

let formSeq = 0;

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'field chaos-field' }, h('span', null, label), control, hint ? h('small', { class: 'chaos-anchor' }, hint) : null);
}

function targetBoxes(legend: string, services: readonly string[], chosen: readonly string[], onChange: (list: string[]) => void): HTMLElement {
  const set = new Set(chosen);
  const boxes = services.map((s) => {
    const box = h('input', { attrs: { type: 'checkbox', value: s } });
    box.checked = set.has(s);
    box.addEventListener('change', () => {
      if (box.checked) set.add(s);
      else set.delete(s);
      onChange(services.filter((x) => set.has(x)));
    });
    return h('label', { class: 'chaos-target' }, box, s);
  });
  return h('fieldset', { class: 'chaos-targets' }, h('legend', null, legend), ...boxes);
}

export function faultForm(o: FaultFormOptions): HTMLElement {
  const id = `chaos-fault-${++formSeq}`;
  let f: Fault = o.fault;
  const emit = (next: Fault): void => {
    f = next;
    o.onChange(next);
  };
  const error = h('p', { class: 'chaos-form-error', attrs: { role: 'alert' } });

  const kind = h('select', { attrs: { id: `${id}-kind`, 'aria-label': 'Fault kind' } },
    ...(Object.keys(FAULT_LABELS) as FaultKind[]).map((k) => h('option', { attrs: { value: k, selected: k === f.kind } }, FAULT_LABELS[k])));
  kind.addEventListener('change', () => {
    const next = defaultFault(kind.value as FaultKind, o.services, f.targets[0] ?? o.services[0], f.startMs, f.durationMs);
    emit({ ...next, targets: f.targets.length ? f.targets : next.targets });
  });

  const offset = (label: string, value: number, set: (ms: number) => Fault, hint: string): HTMLElement => {
    const input = h('input', { class: 'chaos-offset', attrs: { type: 'text', value: formatOffset(value), spellcheck: 'false', 'aria-label': label } });
    input.addEventListener('change', () => {
      const ms = parseOffset(input.value);
      if (ms === null || ms < 0) {
        error.textContent = `${label}: write an offset such as 90s, 10m or 1h30m (got "${input.value}").`;
        return;
      }
      error.textContent = '';
      input.value = formatOffset(ms);
      emit(set(ms));
    });
    return field(label, input, hint);
  };

  const prob = h('input', { attrs: { type: 'number', min: 0, max: 1, step: 0.05, value: f.probability ?? 1, 'aria-label': 'Probability' } });
  prob.addEventListener('change', () => {
    const p = Number(prob.value);
    if (!(p >= 0 && p <= 1)) {
      error.textContent = 'Probability must be between 0 and 1.';
      return;
    }
    error.textContent = '';
    emit({ ...f, probability: p });
  });

  const params = FAULT_PARAMS[f.kind].map((spec) => {
    const current = (f as unknown as Record<string, number | string | undefined>)[spec.key];
    if (spec.options) {
      const sel = h('select', { attrs: { 'aria-label': spec.label } }, ...spec.options.map((v) => h('option', { attrs: { value: v, selected: (current ?? spec.options?.[0]) === v } }, v)));
      sel.addEventListener('change', () => emit({ ...f, [spec.key]: sel.value } as Fault));
      return field(spec.label, sel, spec.anchor);
    }
    const input = h('input', { attrs: { type: 'number', value: current ?? '', placeholder: 'default', min: spec.min, max: spec.max, step: spec.step ?? 'any', 'aria-label': spec.label } });
    input.addEventListener('change', () => {
      if (input.value.trim() === '') {
        const next = { ...f } as unknown as Record<string, unknown>;
        delete next[spec.key];
        emit(next as unknown as Fault);
        return;
      }
      const x = Number(input.value);
      if (!Number.isFinite(x) || (spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max)) {
        error.textContent = `${spec.label} must be a number${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}${spec.max !== undefined ? ` and ≤ ${spec.max}` : ''}.`;
        return;
      }
      error.textContent = '';
      emit({ ...f, [spec.key]: x } as Fault);
    });
    return field(`${spec.label}${spec.unit ? ` (${spec.unit})` : ''}`, input, spec.anchor);
  });

  const remove = h('button', { class: 'btn btn-small btn-danger', attrs: { type: 'button' }, on: { click: () => o.onRemove() } }, 'Remove fault');
  return h('section', { class: 'chaos-fault-form', attrs: { 'aria-labelledby': `${id}-title` } },
    h('div', { class: 'chaos-panel-head' }, h('h3', { attrs: { id: `${id}-title` } }, `Fault ${o.index + 1}`), remove),
    field('Kind', kind),
    targetBoxes(f.kind === 'network-partition' ? 'Group A (targets)' : 'Targets', o.services, f.targets, (targets) => emit({ ...f, targets })),
    f.kind === 'network-partition' ? targetBoxes('Group B', o.services, f.groupB, (groupB) => f.kind === 'network-partition' && emit({ ...f, groupB })) : null,
    h('div', { class: 'chaos-form-row' },
      offset('Start', f.startMs, (ms) => ({ ...f, startMs: ms }), 'offset from the dataset start'),
      offset('Duration', f.durationMs, (ms) => ({ ...f, durationMs: Math.max(1000, ms) }), 'Chaos Mesh duration'),
    ),
    field('Probability (0–1)', prob, 'Toxiproxy toxicity · Polly InjectionRate'),
    h('div', { class: 'chaos-params' }, ...params),
    error,
  );
}
