// The chaos lab's resilience policies per caller → callee edge of the service graph (resilience4j
// semantics): timeout, retry with backoff (incl. AWS full / equal / decorrelated jitter), circuit breaker,
// bulkhead, fallback. Each edge is a disclosure; enabling a policy fills in resilience4j's defaults.

import type { Backoff, CircuitBreakerPolicy, EdgePolicy, PolicyMap } from '../workers/api-chaos';
import { h } from './dom';

const DEFAULT_BREAKER: CircuitBreakerPolicy = {
  slidingWindowType: 'COUNT_BASED', slidingWindowSize: 100, failureRateThreshold: 50, slowCallRateThreshold: 100,
  slowCallDurationThresholdMs: 60000, minimumNumberOfCalls: 100, waitDurationInOpenStateMs: 60000, permittedNumberOfCallsInHalfOpenState: 10,
};
const BACKOFFS: Record<Backoff['kind'], string> = {
  constant: 'constant', exponential: 'exponential', 'exponential-random': 'exponential, randomized',
  'aws-none': 'AWS: no jitter', 'aws-full': 'AWS: full jitter', 'aws-equal': 'AWS: equal jitter', 'aws-decorrelated': 'AWS: decorrelated jitter',
};

function defaultBackoff(kind: Backoff['kind']): Backoff {
  if (kind === 'constant') return { kind, waitDurationMs: 500 };
  if (kind === 'exponential') return { kind, initialIntervalMs: 500, multiplier: 1.5 };
  if (kind === 'exponential-random') return { kind, initialIntervalMs: 500, multiplier: 1.5, randomizationFactor: 0.5 };
  return { kind, baseMs: 100, capMs: 10000 };
}

type Num = (label: string, value: number, set: (x: number) => void, opts?: { min?: number; max?: number; step?: number }) => HTMLElement;

function numberField(onError: (m: string) => void): Num {
  return (label, value, set, opts = {}) => {
    const input = h('input', { attrs: { type: 'number', value, min: opts.min, max: opts.max, step: opts.step ?? 'any', 'aria-label': label } });
    input.addEventListener('change', () => {
      const x = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(x) || (opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max)) {
        onError(`${label}: a number${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.max !== undefined ? ` and ≤ ${opts.max}` : ''}, please.`);
        return;
      }
      onError('');
      set(x);
    });
    return h('label', { class: 'field chaos-field' }, h('span', null, label), input);
  };
}

function toggle(label: string, on: boolean, set: (on: boolean) => void): HTMLElement {
  const box = h('input', { attrs: { type: 'checkbox' } });
  box.checked = on;
  box.addEventListener('change', () => set(box.checked));
  return h('label', { class: 'chaos-policy-toggle' }, box, label);
}

function edgeEditor(edge: string, policy: EdgePolicy, onChange: (p: EdgePolicy) => void): HTMLElement {
  let p = policy;
  const body = h('div', { class: 'chaos-policy-body' });
  const error = h('p', { class: 'chaos-form-error', attrs: { role: 'alert' } });
  const num = numberField((m) => (error.textContent = m));
  const update = (next: EdgePolicy): void => {
    p = next;
    onChange(next);
    render();
  };
  const render = (): void => {
    const rows: HTMLElement[] = [];
    rows.push(h('div', { class: 'chaos-policy-row' }, toggle('Timeout', p.timeoutMs !== undefined, (on) => update({ ...p, timeoutMs: on ? 1000 : undefined })),
      p.timeoutMs !== undefined ? num('Timeout (ms)', p.timeoutMs, (x) => update({ ...p, timeoutMs: x }), { min: 1 }) : null));
    const r = p.retry;
    const backoffSel = r ? h('select', { attrs: { 'aria-label': 'Backoff' } }, ...(Object.keys(BACKOFFS) as Backoff['kind'][]).map((k) => h('option', { attrs: { value: k, selected: r.backoff.kind === k } }, BACKOFFS[k]))) : null;
    backoffSel?.addEventListener('change', () => r && update({ ...p, retry: { ...r, backoff: defaultBackoff(backoffSel.value as Backoff['kind']) } }));
    const b = r?.backoff;
    const setB = (over: Partial<Backoff>): void => { if (r) update({ ...p, retry: { ...r, backoff: { ...r.backoff, ...over } as Backoff } }); };
    rows.push(h('div', { class: 'chaos-policy-row' }, toggle('Retry', !!r, (on) => update({ ...p, retry: on ? { maxAttempts: 3, backoff: defaultBackoff('aws-full') } : undefined })),
      r ? num('Max attempts (incl. first)', r.maxAttempts, (x) => update({ ...p, retry: { ...r, maxAttempts: x } }), { min: 1, max: 100, step: 1 }) : null,
      backoffSel ? h('label', { class: 'field chaos-field' }, h('span', null, 'Backoff'), backoffSel) : null,
      b?.kind === 'constant' ? num('Wait (ms)', b.waitDurationMs, (x) => setB({ waitDurationMs: x }), { min: 0 }) : null,
      b && (b.kind === 'exponential' || b.kind === 'exponential-random') ? num('Initial (ms)', b.initialIntervalMs, (x) => setB({ initialIntervalMs: x }), { min: 1 }) : null,
      b && (b.kind === 'exponential' || b.kind === 'exponential-random') ? num('Multiplier', b.multiplier, (x) => setB({ multiplier: x }), { min: 1 }) : null,
      b?.kind === 'exponential-random' ? num('Randomization', b.randomizationFactor, (x) => setB({ randomizationFactor: x }), { min: 0, max: 1 }) : null,
      b && b.kind.startsWith('aws') && 'baseMs' in b ? num('Base (ms)', b.baseMs, (x) => setB({ baseMs: x }), { min: 0 }) : null,
      b && b.kind.startsWith('aws') && 'capMs' in b ? num('Cap (ms)', b.capMs, (x) => setB({ capMs: x }), { min: 0 }) : null));
    const cb = p.circuitBreaker;
    const setCb = (over: Partial<CircuitBreakerPolicy>): void => { if (cb) update({ ...p, circuitBreaker: { ...cb, ...over } }); };
    const windowSel = cb ? h('select', { attrs: { 'aria-label': 'Sliding window' } }, h('option', { attrs: { value: 'COUNT_BASED', selected: cb.slidingWindowType === 'COUNT_BASED' } }, 'count-based (calls)'),
      h('option', { attrs: { value: 'TIME_BASED', selected: cb.slidingWindowType === 'TIME_BASED' } }, 'time-based (seconds)')) : null;
    windowSel?.addEventListener('change', () => setCb({ slidingWindowType: windowSel.value === 'TIME_BASED' ? 'TIME_BASED' : 'COUNT_BASED' }));
    rows.push(h('div', { class: 'chaos-policy-row' }, toggle('Circuit breaker', !!cb, (on) => update({ ...p, circuitBreaker: on ? { ...DEFAULT_BREAKER, minimumNumberOfCalls: 20, slidingWindowSize: 50, waitDurationInOpenStateMs: 30000 } : undefined })),
      windowSel ? h('label', { class: 'field chaos-field' }, h('span', null, 'Sliding window'), windowSel) : null,
      cb ? num('Window size', cb.slidingWindowSize, (x) => setCb({ slidingWindowSize: x }), { min: 1, step: 1 }) : null,
      cb ? num('Failure rate ≥ (%)', cb.failureRateThreshold, (x) => setCb({ failureRateThreshold: x }), { min: 1, max: 100 }) : null,
      cb ? num('Slow-call rate ≥ (%)', cb.slowCallRateThreshold, (x) => setCb({ slowCallRateThreshold: x }), { min: 1, max: 100 }) : null,
      cb ? num('Slow call > (ms)', cb.slowCallDurationThresholdMs, (x) => setCb({ slowCallDurationThresholdMs: x }), { min: 1 }) : null,
      cb ? num('Minimum calls', cb.minimumNumberOfCalls, (x) => setCb({ minimumNumberOfCalls: x }), { min: 1, step: 1 }) : null,
      cb ? num('Wait in open (ms)', cb.waitDurationInOpenStateMs, (x) => setCb({ waitDurationInOpenStateMs: x }), { min: 1 }) : null,
      cb ? num('Half-open permits', cb.permittedNumberOfCallsInHalfOpenState, (x) => setCb({ permittedNumberOfCallsInHalfOpenState: x }), { min: 1, step: 1 }) : null));
    const bh = p.bulkhead;
    rows.push(h('div', { class: 'chaos-policy-row' }, toggle('Bulkhead', !!bh, (on) => update({ ...p, bulkhead: on ? { maxConcurrentCalls: 25, maxWaitDurationMs: 0 } : undefined })),
      bh ? num('Max concurrent', bh.maxConcurrentCalls, (x) => update({ ...p, bulkhead: { ...bh, maxConcurrentCalls: x } }), { min: 1, step: 1 }) : null,
      bh ? num('Max wait (ms)', bh.maxWaitDurationMs, (x) => update({ ...p, bulkhead: { ...bh, maxWaitDurationMs: x } }), { min: 0 }) : null));
    rows.push(h('div', { class: 'chaos-policy-row' }, toggle('Fallback (a failed call returns a default)', !!p.fallback, (on) => update({ ...p, fallback: on || undefined }))));
    body.replaceChildren(...rows, error);
  };
  render();
  const [caller, callee] = edge.split('>');
  const active = (): string => [p.timeoutMs !== undefined && 'timeout', p.retry && 'retry', p.circuitBreaker && 'breaker', p.bulkhead && 'bulkhead', p.fallback && 'fallback'].filter(Boolean).join(' · ');
  const summary = h('summary', null, h('span', { class: 'chaos-edge' }, `${caller} → ${callee}`), h('span', { class: 'muted chaos-edge-policies' }, active() || 'no policy'));
  const details = h('details', { class: 'chaos-policy', attrs: { 'data-edge': edge } }, summary, body);
  details.addEventListener('change', () => ((summary.lastChild as HTMLElement).textContent = active() || 'no policy'));
  return details;
}

/** Drops undefined fields and empty policies (so the scenario stays small and stable). */
function clean(p: EdgePolicy): EdgePolicy | undefined {
  const out: EdgePolicy = {};
  if (p.timeoutMs !== undefined) out.timeoutMs = p.timeoutMs;
  if (p.retry) out.retry = p.retry;
  if (p.circuitBreaker) out.circuitBreaker = p.circuitBreaker;
  if (p.bulkhead) out.bulkhead = p.bulkhead;
  if (p.fallback) out.fallback = true;
  return Object.keys(out).length ? out : undefined;
}

export function policiesEditor(edges: readonly string[], policies: PolicyMap, onChange: (p: PolicyMap) => void): HTMLElement {
  if (!edges.length) {
    return h('section', { class: 'chaos-policies' }, h('h3', null, 'Resilience policies'),
      h('p', { class: 'muted' }, 'Policies act on caller → callee calls. This dataset has metrics only: import traces of the same services to see their call graph and set timeouts, retries, breakers, bulkheads and fallbacks.'));
  }
  const map: PolicyMap = { ...policies };
  const list = edges.map((e) => edgeEditor(e, map[e] ?? {}, (p) => {
    const c = clean(p);
    if (c) map[e] = c;
    else delete map[e];
    onChange({ ...map });
  }));
  return h('section', { class: 'chaos-policies' }, h('h3', null, `Resilience policies (${edges.length} edges)`),
    h('p', { class: 'muted chaos-note' }, 'Composed as resilience4j does: Fallback(Retry(CircuitBreaker(TimeLimiter(Bulkhead(call))))). Max attempts counts the first call.'),
    ...list);
}
