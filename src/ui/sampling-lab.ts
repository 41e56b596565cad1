// The Sampling lab tab: replay the chosen sampling policies over the recorded traces and compare what each
// keeps and loses; the advisor recommends the cheapest policy meeting the goals. Choices live in the route.
import type { DatasetMeta } from '../model/series';
import type { SamplingGoalsInput } from '../workers/api-trace-insights';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { failure } from './operations-format';
import { replaceParams } from './router';
import { policyForm } from './sampling-policy-form';
import { adviceView, comparisonTable } from './sampling-results';

function goalInput(label: string, value: string, unit: string, placeholder = ''): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { attrs: { type: 'number', step: 'any', value, placeholder, 'aria-label': label } });
  return { el: h('label', { class: 'field' }, h('span', null, label), h('span', { class: 'sl-inline' }, input, h('span', { class: 'muted' }, ` ${unit}`))), input };
}

export function samplingLab(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const form = policyForm(params);
  const problems = h('div', { attrs: { role: 'alert' } });
  const runButton = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Run');
  const results = h('div', { class: 'sl-results', attrs: { 'data-testid': 'sampling-results', 'aria-live': 'polite' } });
  const policiesForm = h('form', { class: 'sl-form' }, form.element, h('div', { class: 'sl-actions' }, runButton, problems));

  const minErr = goalInput('Error traces kept at least', params.get('minErr') ?? '99', '%');
  const maxP99 = goalInput('Trace p99 off by at most', params.get('maxP99') ?? '5', '%');
  const maxP50 = goalInput('Trace p50 off by at most', params.get('maxP50') ?? '', '%', 'no bound');
  const keepSvc = h('input', { attrs: { type: 'checkbox', checked: params.get('keepSvc') !== '0' } });
  const goalProblems = h('div', { attrs: { role: 'alert' } });
  const adviseButton = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Advise');
  const advice = h('div', { class: 'sl-advice-host', attrs: { 'aria-live': 'polite' } });
  const goalsForm = h('form', { class: 'sl-goals' },
    h('div', { class: 'toolbar' }, minErr.el, maxP99.el, maxP50.el, h('label', { class: 'check' }, keepSvc, ' no service may vanish'), adviseButton),
    goalProblems);

  const element = h(
    'section',
    { class: 'view sl-view', attrs: { 'aria-labelledby': 'sl-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'sl-title' } }, 'Sampling lab'),
      h('p', { class: 'muted' }, 'Replays sampling policies over the recorded traces: what each would have kept, what it would have cost, and what it would have lost.')),
    policiesForm,
    results,
    h('section', { class: 'sl-advisor', attrs: { 'aria-labelledby': 'sl-advisor-title' } },
      h('h3', { attrs: { id: 'sl-advisor-title' } }, 'Advisor'),
      h('p', { class: 'muted' }, 'Evaluates head ratios, error-based ratios, adaptive targets and tail policy sets around the trace p99 (and the policies above), and recommends the one keeping the fewest bytes that meets the goals. Its p50 and p99 are estimated as a trace backend would, weighting each kept trace by its adjusted count.'),
      goalsForm,
      advice),
  );
  let destroyed = false;
  let runSeq = 0;
  let adviseSeq = 0;

  async function run(): Promise<void> {
    const choice = form.read();
    replace(problems, ...choice.problems.map((p) => h('p', { class: 'inline-error' }, p)));
    replaceParams(choice.params);
    if (!choice.specs.length) {
      replace(results, h('p', { class: 'muted' }, 'Choose at least one policy.'));
      return;
    }
    const seq = ++runSeq;
    runButton.disabled = true;
    replace(results, h('p', { class: 'muted' }, `Replaying ${choice.specs.length} policies…`));
    try {
      const outcomes = await whileBusy(() => workers.analysis.simulateSampling(meta.id, choice.specs));
      if (!destroyed && seq === runSeq) replace(results, comparisonTable(outcomes));
    } catch (e) {
      if (!destroyed && seq === runSeq) replace(results, failure('Could not replay the policies', e));
    } finally {
      runButton.disabled = false;
    }
  }

  function goals(): SamplingGoalsInput | string[] {
    const out: string[] = [];
    const pct = (i: HTMLInputElement, what: string, optional: boolean): number => {
      if (optional && i.value.trim() === '') return Infinity;
      const x = Number(i.value);
      if (i.value.trim() === '' || !(x >= 0) || !Number.isFinite(x)) out.push(`${what}: give a percentage of 0 or more, got “${i.value}”`);
      return x / 100;
    };
    const g: SamplingGoalsInput = {
      minErrorTraceShare: pct(minErr.input, 'Error traces kept', false),
      maxP99Error: pct(maxP99.input, 'Trace p99 error', false),
      maxP50Error: pct(maxP50.input, 'Trace p50 error', true),
      keepAllServices: keepSvc.checked,
    };
    if (g.minErrorTraceShare > 1) out.push('Error traces kept: at most 100 %');
    return out.length ? out : g;
  }

  async function advise(): Promise<void> {
    const g = goals();
    replace(goalProblems, ...(Array.isArray(g) ? g.map((p) => h('p', { class: 'inline-error' }, p)) : []));
    if (Array.isArray(g)) return;
    replaceParams({ minErr: minErr.input.value, maxP99: maxP99.input.value, maxP50: maxP50.input.value || undefined, keepSvc: keepSvc.checked ? undefined : '0' });
    const seq = ++adviseSeq;
    adviseButton.disabled = true;
    replace(advice, h('p', { class: 'muted' }, 'Evaluating the candidates…'));
    const extra = form.read().specs.filter((s) => typeof s !== 'string' || !['all', 'none'].includes(s));
    try {
      const a = await whileBusy(() => workers.analysis.adviseSampling(meta.id, g, extra));
      if (!destroyed && seq === adviseSeq) replace(advice, adviceView(a, (policy) => addPolicy(policy)));
    } catch (e) {
      if (!destroyed && seq === adviseSeq) replace(advice, failure('Could not evaluate the candidates', e));
    } finally {
      adviseButton.disabled = false;
    }
  }

  function addPolicy(policy: string): void {
    const extra = element.querySelector<HTMLInputElement>('.sl-extra');
    if (!extra) return;
    const list = extra.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (!list.includes(policy)) extra.value = [...list, policy].join(', ');
    void run();
  }

  policiesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  goalsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void advise();
  });

  return {
    element,
    mount() {
      void run();
      void advise();
    },
    destroy() {
      destroyed = true;
    },
  };
}
