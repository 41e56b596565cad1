// Number fields built from a detector's ParamSpec (label, bounds, integer step, help text): a value
// outside the bounds is refused with a readable message and the last good value is kept.
import type { ParamSpec } from '../analysis/detectors/types';
import { h } from './dom';
import { formatValue } from './format';

let fieldSeq = 0;

/** Whether `x` is allowed by the spec (finite, in bounds, whole when the spec is integer). */
export function specAllows(spec: ParamSpec, x: number): boolean {
  return Number.isFinite(x) && x >= spec.min && x <= spec.max && (!spec.integer || Number.isInteger(x));
}

export function boundsText(spec: ParamSpec): string {
  return `${spec.integer ? 'whole number' : 'number'} from ${formatValue(spec.min)} to ${formatValue(spec.max)}`;
}

/**
 * A field for one parameter. `value` undefined means the default; `onChange(undefined)` means "back to
 * the default" (the field was emptied or set to the default value).
 */
export function paramField(spec: ParamSpec, value: number | undefined, onChange: (v: number | undefined) => void, idPrefix: string): HTMLElement {
  const id = `${idPrefix}-${spec.name}-${++fieldSeq}`;
  const help = h('small', { class: 'param-help', attrs: { id: `${id}-help` } }, `${spec.help} (${boundsText(spec)}; default ${formatValue(spec.default)})`);
  const error = h('small', { class: 'param-error inline-error', attrs: { id: `${id}-error`, role: 'alert', hidden: true } });
  const input = h('input', {
    class: value !== undefined && value !== spec.default ? 'changed' : undefined,
    attrs: {
      id,
      type: 'number',
      min: spec.min,
      max: spec.max,
      step: spec.integer ? 1 : 'any',
      value: value ?? spec.default,
      inputmode: spec.integer ? 'numeric' : 'decimal',
      'aria-describedby': `${id}-help ${id}-error`,
    },
  });
  let last = value ?? spec.default;
  input.addEventListener('change', () => {
    const raw = input.value.trim();
    const x = raw === '' ? spec.default : Number(raw);
    if (!specAllows(spec, x)) {
      error.hidden = false;
      error.textContent = `${spec.label} must be a ${boundsText(spec)}; kept ${formatValue(last)}.`;
      input.setAttribute('aria-invalid', 'true');
      input.value = String(last);
      return;
    }
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    last = x;
    input.value = String(x);
    input.classList.toggle('changed', x !== spec.default);
    onChange(x === spec.default ? undefined : x);
  });
  return h('div', { class: 'param-field' }, h('label', { attrs: { for: id } }, spec.label), input, help, error);
}
