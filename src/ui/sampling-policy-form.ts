// The sampling lab's policy chooser: head policies (all, none, random, error-based, adaptive, more as text)
// and a tail-sampling policy set built by a small form or written as JSON; read from and written to the route.
import { tailConfigOf, tailLabelOf, type TailForm } from './tail-policy-builder';
import type { PolicySpec } from '../workers/api-trace-insights';
import { h } from './dom';

export interface PolicyChoice {
  specs: PolicySpec[];
  /** Problems of the form itself (a number out of range), in words. */
  problems: string[];
  /** The route parameters that restore this choice. */
  params: Record<string, string | undefined>;
}

export interface PolicyForm {
  element: HTMLElement;
  read(): PolicyChoice;
}

const DEFAULT_POLICIES = 'all,random:0.1,errors:0.1';

function num(value: string, fallback: number): number {
  const x = Number(value);
  return value.trim() !== '' && Number.isFinite(x) ? x : fallback;
}

function numberInput(label: string, value: number, step: number, unit: string): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { class: 'sl-num', attrs: { type: 'number', step, value: String(value), 'aria-label': label } });
  return { el: h('span', { class: 'sl-inline' }, input, unit ? h('span', { class: 'muted' }, ` ${unit}`) : null), input };
}

function check(label: string, checked: boolean, ...rest: (HTMLElement | string)[]): { el: HTMLElement; box: HTMLInputElement } {
  const box = h('input', { attrs: { type: 'checkbox', checked } });
  return { el: h('div', { class: 'sl-row' }, h('label', { class: 'check' }, box, ` ${label}`), ...rest), box };
}

export function policyForm(params: URLSearchParams): PolicyForm {
  const given = (params.get('policies') ?? DEFAULT_POLICIES).split(',').map((s) => s.trim()).filter(Boolean);
  const take = (kind: string): number | undefined => {
    const i = given.findIndex((g) => g.startsWith(`${kind}:`));
    if (i < 0) return undefined;
    const x = Number(given[i].slice(kind.length + 1));
    given.splice(i, 1);
    return x;
  };
  const hasAll = given.includes('all');
  const hasNone = given.includes('none');
  const random = take('random');
  const errors = take('errors');
  const adaptive = take('adaptive');
  const extraText = given.filter((g) => g !== 'all' && g !== 'none').join(', ');

  const randomP = numberInput('Random: percent of traces kept', random !== undefined ? +(random * 100).toPrecision(6) : 10, 0.1, '% of traces (by trace id)');
  const errorsP = numberInput('Error-based: percent of the other traces kept', errors !== undefined ? +(errors * 100).toPrecision(6) : 10, 0.1, '% of the rest');
  const adaptiveT = numberInput('Adaptive: target traces a second per root operation', adaptive ?? 1, 0.1, 'traces/s per root op');
  const all = check('Keep all (no sampling)', hasAll);
  const none = check('Keep none', hasNone);
  const rnd = check('Random', random !== undefined, randomP.el);
  const err = check('Every error trace, and', errors !== undefined, errorsP.el);
  const ada = check('Adaptive (Jaeger)', adaptive !== undefined, adaptiveT.el);
  const extra = h('input', { class: 'sl-extra', attrs: { type: 'text', value: extraText, placeholder: 'random:0.01, errors:0.5, adaptive:5', 'aria-label': 'More policies' } });

  // Tail sampling: a builder writing the JSON, and the JSON itself (what is run).
  const tailJson = params.get('tail');
  const tail = check('Tail sampling (OpenTelemetry Collector tail_sampling)', tailJson !== null);
  const wait = h('input', { attrs: { type: 'text', value: '30s', 'aria-label': 'decision_wait', size: 6 } });
  const bErrors = check('status_code ERROR', true);
  const latency = numberInput('latency threshold', 500, 1, 'ms');
  const bLatency = check('latency ≥', true, latency.el);
  const prob = numberInput('probabilistic percent', 10, 0.1, '%');
  const bProb = check('probabilistic', true, prob.el);
  const rate = numberInput('rate limit', 100, 1, 'spans/s');
  const bRate = check('rate_limiting', false, rate.el);
  const attrKey = h('input', { attrs: { type: 'text', placeholder: 'key', 'aria-label': 'attribute key', size: 14 } });
  const attrValues = h('input', { attrs: { type: 'text', placeholder: 'value, value', 'aria-label': 'attribute values', size: 16 } });
  const bAttr = check('string_attribute', false, h('span', { class: 'sl-inline' }, attrKey, ' = ', attrValues));
  const comp = numberInput('composite total spans a second', 1000, 1, 'spans/s, shared evenly');
  const bComp = check('wrap in composite, at most', false, comp.el);
  const label = h('input', { attrs: { type: 'text', value: params.get('tailLabel') ?? '', 'aria-label': 'Tail policy label', placeholder: 'label', size: 18 } });
  const textarea = h('textarea', { class: 'sl-json', attrs: { rows: 9, spellcheck: 'false', 'aria-label': 'Tail sampling policy JSON' } });
  const formOf = (): TailForm => ({
    decisionWait: wait.value.trim() || '30s',
    errors: bErrors.box.checked,
    ...(bLatency.box.checked ? { latencyMs: num(latency.input.value, 500) } : {}),
    ...(bProb.box.checked ? { probabilisticPercent: num(prob.input.value, 10) } : {}),
    ...(bRate.box.checked ? { rateLimit: num(rate.input.value, 100) } : {}),
    ...(bAttr.box.checked ? { attribute: { key: attrKey.value.trim(), values: attrValues.value.split(',').map((v) => v.trim()).filter(Boolean) } } : {}),
    ...(bComp.box.checked ? { compositeSpansPerSecond: num(comp.input.value, 1000) } : {}),
  });
  const write = (): void => {
    const f = formOf();
    textarea.value = JSON.stringify(tailConfigOf(f), null, 2);
    label.value = tailLabelOf(f);
    tail.box.checked = true;
  };
  if (tailJson !== null) textarea.value = tailJson;
  else write(), (tail.box.checked = false);
  const writeButton = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Write JSON from the form');
  writeButton.addEventListener('click', write);

  // The builder and the JSON show only while tail sampling is chosen.
  const tailBody = h('div', { class: 'sl-tail-body' },
    h('div', { class: 'sl-builder', attrs: { role: 'group', 'aria-label': 'Tail policy builder' } },
      h('div', { class: 'sl-row' }, h('label', { class: 'check' }, 'decision_wait ', wait)),
      bErrors.el, bLatency.el, bProb.el, bRate.el, bAttr.el, bComp.el,
      h('div', { class: 'sl-row' }, writeButton, h('label', { class: 'check' }, 'label ', label)),
    ),
    textarea,
  );
  const showTail = (): void => void (tailBody.hidden = !tail.box.checked);
  tail.box.addEventListener('change', showTail);
  writeButton.addEventListener('click', showTail);
  showTail();
  const element = h(
    'fieldset',
    { class: 'sl-policies' },
    h('legend', null, 'Policies to compare'),
    h('div', { class: 'sl-head' }, all.el, none.el, rnd.el, err.el, ada.el, h('div', { class: 'sl-row' }, h('label', { class: 'field' }, h('span', null, 'More (comma-separated)'), extra))),
    h('div', { class: 'sl-tail' }, tail.el, tailBody),
  );

  return {
    element,
    read() {
      const specs: PolicySpec[] = [];
      const problems: string[] = [];
      const names: string[] = [];
      const pct = (input: HTMLInputElement, what: string): number | undefined => {
        const x = Number(input.value);
        if (input.value.trim() === '' || !(x >= 0 && x <= 100)) return void problems.push(`${what}: give a percentage from 0 to 100, got “${input.value}”`);
        return x / 100;
      };
      if (all.box.checked) names.push('all');
      if (none.box.checked) names.push('none');
      if (rnd.box.checked) {
        const p = pct(randomP.input, 'Random');
        if (p !== undefined) names.push(`random:${+p.toPrecision(6)}`);
      }
      if (err.box.checked) {
        const p = pct(errorsP.input, 'Error-based');
        if (p !== undefined) names.push(`errors:${+p.toPrecision(6)}`);
      }
      if (ada.box.checked) {
        const x = Number(adaptiveT.input.value);
        if (!(x > 0 && Number.isFinite(x))) problems.push(`Adaptive: give a target above 0 traces a second, got “${adaptiveT.input.value}”`);
        else names.push(`adaptive:${x}`);
      }
      names.push(...extra.value.split(',').map((s) => s.trim()).filter(Boolean));
      specs.push(...names);
      const tailLabel = label.value.trim() || 'policy';
      if (tail.box.checked) specs.push({ kind: 'tail', label: tailLabel, json: textarea.value });
      return {
        specs,
        problems,
        params: { policies: names.join(','), tail: tail.box.checked ? textarea.value : undefined, tailLabel: tail.box.checked ? tailLabel : undefined },
      };
    },
  };
}
