// The discrete-event replay: requests arrive, each service invocation takes a worker, works, then calls its
// callees in order through the edge's policies — Fallback(Retry(CircuitBreaker(TimeLimiter(Bulkhead(call))))) —
// under the scenario's faults. State lives in typed columns indexed by frame / call id; events are integers.

import { TraceSetBuilder } from '../../model/trace-builder';
import { SPAN_KIND, SPAN_STATUS } from '../../model/traces';
import { FaultRuntime } from '../faults/runtime';
import { faultWindow } from '../faults/types';
import type { ChaosModel } from '../model';
import { retryWait } from '../policies/backoff';
import { CircuitBreaker } from '../policies/circuit-breaker';
import type { EdgePolicy } from '../policies/types';
import { Rng } from '../rng';
import { EventQueue } from './event-queue';
import { MetricsRecorder } from './metrics';
import { FifoQueue, Slots, TimerLane } from './slots';
import type { EdgeStats, ReplayConfig, ReplayResult } from './types';

const ARRIVAL = 1, STEP = 2, ATTEMPT = 3, CHILD_ARRIVE = 4, RESPONSE = 5, TIMEOUT = 6, FAIL = 7, BULKHEAD_EXPIRE = 8;
// TIMEOUT's operand is an edge: the head of that edge's timer lane is the one timer of the edge in the queue
const OK = 0, ERROR = 1, TIMED_OUT = 2, BREAKER_REJECT = 3, BULKHEAD_REJECT = 4;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

export function replay(model: ChaosModel, config: ReplayConfig): ReplayResult {
  const S = model.services.length;
  const E = model.edges.length;
  const root = new Rng(config.seed);
  const faults = new FaultRuntime(config.faults, model, root);
  const bucketMs = config.bucketMs ?? 10000;
  const metrics = new MetricsRecorder(model.services, model.startMs, model.endMs, bucketMs);
  const workers = config.workersPerService ?? 200;
  const queueLimit = config.queueLimit ?? 1000;
  const traceEvery = config.traceEvery ?? 0;
  const builder = traceEvery > 0 ? new TraceSetBuilder() : null;
  const name = (e: number): string => `${model.services[model.edges[e].caller]}>${model.services[model.edges[e].callee]}`;
  const policy: (EdgePolicy | undefined)[] = model.edges.map((_, e) => config.policies[name(e)]);
  const breaker = policy.map((p) => (p?.circuitBreaker ? new CircuitBreaker(p.circuitBreaker) : null));
  const edgeRng = model.edges.map((_, e) => root.derive(`edge:${name(e)}`));
  const retryRng = model.edges.map((_, e) => root.derive(`retry:${name(e)}`));
  const entryRng = model.entries.map((en) => root.derive(`entry:${model.services[en.service]}`));
  const outEdges: number[][] = model.services.map(() => []);
  model.edges.forEach((e, i) => outEdges[e.caller].push(i));
  // per-edge numbers read on every call, precomputed so the hot path does no object or optional-chain lookups
  const edgeCaller = Int32Array.from(model.edges, (ed) => ed.caller);
  const edgeCallee = Int32Array.from(model.edges, (ed) => ed.callee);
  const timeoutMs = Float64Array.from(policy, (p) => p?.timeoutMs ?? -1);
  const bulkheadMax = Int32Array.from(policy, (p) => p?.bulkhead?.maxConcurrentCalls ?? 0);
  const stat = { calls: new Float64Array(E), failed: new Float64Array(E), fallbacks: new Float64Array(E), attempts: new Float64Array(E),
    timeouts: new Float64Array(E), breaker: new Float64Array(E), bulkhead: new Float64Array(E) };
  const busy = new Int32Array(S);
  const pending = model.services.map(() => new FifoQueue());
  const inFlight = new Int32Array(E);
  const waiters = model.edges.map(() => new FifoQueue());
  const timers = model.edges.map(() => new TimerLane());

  const frames = new Slots({ service: Int32Array, src: Int32Array, call: Int32Array, gen: Int32Array, cursor: Int32Array, left: Int32Array,
    failed: Uint8Array, request: Int32Array, span: Int32Array, parentSpan: Int32Array, start: Float64Array });
  const calls = new Slots({ frame: Int32Array, edge: Int32Array, attempt: Int32Array, gen: Int32Array, attemptStart: Float64Array,
    prevWait: Float64Array, held: Uint8Array, waiting: Uint8Array, request: Int32Array, span: Int32Array });
  const F = frames.cols;
  const C = calls.cols;
  const q = new EventQueue();
  let spanSerial = 0;
  let simulatedCalls = 0;
  let events = 0;

  const sampleWork = (f: number): number => {
    const src = F.src[f];
    if (src < 0) {
      const en = model.entries[-src - 1];
      const rng = entryRng[-src - 1];
      if (en.errorRate > 0 && rng.uniform32() < en.errorRate) F.failed[f] = 1;
      return en.selfMs[rng.int(en.selfMs.length)];
    }
    const ed = model.edges[src];
    const rng = edgeRng[src];
    if (ed.errorRate > 0 && rng.uniform32() < ed.errorRate) F.failed[f] = 1;
    return ed.selfMs[rng.int(ed.selfMs.length)];
  };

  const startWork = (f: number, t: number): void => {
    const s = F.service[f];
    const ms = faults.work(s, t, sampleWork(f));
    metrics.work(s, t, ms);
    q.push(t + ms, STEP, f, 0);
  };

  const respond = (f: number, t: number, failed: boolean): void => {
    if (F.call[f] >= 0) q.push(t, RESPONSE, F.call[f], F.gen[f] * 2 + (failed ? 1 : 0));
    frames.free(f);
  };

  const newFrame = (service: number, src: number, call: number, gen: number, request: number, parentSpan: number, t: number): void => {
    const f = frames.alloc();
    F.service[f] = service; F.src[f] = src; F.call[f] = call; F.gen[f] = gen; F.cursor[f] = -1; F.left[f] = 0; F.failed[f] = 0;
    F.request[f] = request; F.start[f] = t; F.parentSpan[f] = parentSpan;
    F.span[f] = traceEvery > 0 && request % traceEvery === 0 ? spanSerial++ : -1;
    if (call < 0) simulatedCalls++; // an entry request; edge calls are counted once per attempt sent (dispatch)
    if (faults.down(service, t)) {
      if (call < 0) metrics.request(service, t, 0, true, false);
      respond(f, t, true);
    } else if (busy[service] < Math.max(1, Math.floor(workers * faults.poolShare(service, t)))) {
      busy[service]++;
      startWork(f, t);
    } else if (pending[service].length < queueLimit) pending[service].push(f, 0);
    else {
      metrics.request(service, t, 0, true, false);
      respond(f, t, true);
    }
  };

  const finish = (f: number, t: number): void => {
    const s = F.service[f];
    const byz = faults.byzantine(s, t);
    const failed = F.failed[f] === 1 || byz >= 400;
    metrics.request(s, t, t - F.start[f], failed, byz > 0 && byz < 400);
    if (builder && F.span[f] >= 0) {
      builder.addSpan({ traceId: hex(F.request[f], 32), spanId: hex(F.span[f] + 1, 16), parentSpanId: F.parentSpan[f] >= 0 ? hex(F.parentSpan[f] + 1, 16) : '',
        service: model.services[s], operation: F.src[f] < 0 ? 'request' : `from ${model.services[model.edges[F.src[f]].caller]}`,
        start: F.start[f] * 1000, duration: (t - F.start[f]) * 1000, status: failed ? SPAN_STATUS.error : SPAN_STATUS.ok, kind: SPAN_KIND.server });
    }
    busy[s]--;
    if (pending[s].length) {
      busy[s]++;
      startWork(pending[s].shift(), t);
    }
    respond(f, t, failed);
  };

  const step = (f: number, t: number): void => {
    const out = outEdges[F.service[f]];
    for (;;) {
      if (F.left[f] > 0) {
        F.left[f]--;
        startCall(f, out[F.cursor[f]], t);
        return;
      }
      if (++F.cursor[f] >= out.length) {
        finish(f, t);
        return;
      }
      const ed = model.edges[out[F.cursor[f]]];
      const rng = edgeRng[out[F.cursor[f]]];
      if (ed.callProbability >= 1 || rng.uniform32() < ed.callProbability) {
        const whole = Math.floor(ed.fanOut);
        F.left[f] = whole + (rng.uniform32() < ed.fanOut - whole ? 1 : 0);
      }
    }
  };

  const startCall = (f: number, e: number, t: number): void => {
    const c = calls.alloc();
    C.frame[c] = f; C.edge[c] = e; C.request[c] = F.request[f]; C.span[c] = F.span[f]; C.attempt[c] = 0; C.prevWait[c] = NaN; C.held[c] = 0; C.waiting[c] = 0;
    stat.calls[e]++;
    beginAttempt(c, t);
  };

  const dispatch = (c: number, t: number): void => {
    const e = C.edge[c];
    const net = faults.network(edgeCaller[e], edgeCallee[e], t);
    simulatedCalls++;
    if (net.fails) q.push(t + net.delayMs, FAIL, c, C.gen[c]);
    else q.push(t + net.delayMs, CHILD_ARRIVE, c, C.gen[c]);
  };

  const beginAttempt = (c: number, t: number): void => {
    const e = C.edge[c];
    const p = policy[e];
    C.attempt[c]++;
    C.gen[c]++;
    C.attemptStart[c] = t;
    stat.attempts[e]++;
    if (!p) return dispatch(c, t);
    const cb = breaker[e];
    if (cb && !cb.tryAcquire(t)) return attemptDone(c, t, BREAKER_REJECT);
    if (timeoutMs[e] >= 0) {
      const lane = timers[e];
      const seq = q.reserveSeq();
      if (!lane.length) q.pushAt(t + timeoutMs[e], TIMEOUT, e, 0, seq);
      lane.push(t + timeoutMs[e], seq, c, C.gen[c]);
    }
    const bh = p.bulkhead;
    if (!bh) return dispatch(c, t);
    if (inFlight[e] < bh.maxConcurrentCalls) {
      inFlight[e]++;
      C.held[c] = 1;
      return dispatch(c, t);
    }
    if (bh.maxWaitDurationMs <= 0) return attemptDone(c, t, BULKHEAD_REJECT);
    C.waiting[c] = 1;
    waiters[e].push(c, C.gen[c]);
    q.push(t + bh.maxWaitDurationMs, BULKHEAD_EXPIRE, c, C.gen[c]);
  };

  const releaseBulkhead = (c: number, t: number): void => {
    const e = C.edge[c];
    if (C.held[c]) {
      C.held[c] = 0;
      inFlight[e]--;
    }
    C.waiting[c] = 0;
    const w = waiters[e];
    while (w.length && inFlight[e] < bulkheadMax[e]) {
      const gen = w.headTag();
      const next = w.shift();
      if (!C.waiting[next] || C.gen[next] !== gen) continue;
      C.waiting[next] = 0;
      C.held[next] = 1;
      inFlight[e]++;
      dispatch(next, t);
    }
  };

  const attemptDone = (c: number, t: number, outcome: number): void => {
    const e = C.edge[c];
    const p = policy[e];
    C.gen[c]++;
    if (C.held[c] || C.waiting[c]) releaseBulkhead(c, t);
    if (outcome === TIMED_OUT) stat.timeouts[e]++;
    else if (outcome === BREAKER_REJECT) stat.breaker[e]++;
    else if (outcome === BULKHEAD_REJECT) stat.bulkhead[e]++;
    if (outcome !== BREAKER_REJECT) breaker[e]?.onResult(t, t - C.attemptStart[c], outcome !== OK);
    if (outcome === OK) return callEnded(c, t, false);
    const r = p?.retry;
    if (r && C.attempt[c] < r.maxAttempts) {
      const wait = retryWait(r.backoff, C.attempt[c], C.prevWait[c], retryRng[e]);
      C.prevWait[c] = wait;
      q.push(t + wait, ATTEMPT, c, C.gen[c]);
      return;
    }
    if (p?.fallback) {
      stat.fallbacks[e]++;
      return callEnded(c, t, false);
    }
    callEnded(c, t, true);
  };

  const callEnded = (c: number, t: number, failed: boolean): void => {
    const f = C.frame[c];
    if (failed) {
      stat.failed[C.edge[c]]++;
      F.failed[f] = 1;
      F.left[f] = 0;
      F.cursor[f] = outEdges[F.service[f]].length;
    }
    calls.free(c);
    step(f, t);
  };

  if (model.arrivalMs.length) q.push(model.arrivalMs[0], ARRIVAL, 0, 0);
  while (q.pop()) {
    events++;
    const t = q.t;
    const a = q.a;
    const b = q.b;
    switch (q.kind) {
      case ARRIVAL:
        if (a + 1 < model.arrivalMs.length) q.push(model.arrivalMs[a + 1], ARRIVAL, a + 1, 0);
        newFrame(model.entries[model.arrivalEntry[a]].service, -(model.arrivalEntry[a] + 1), -1, 0, a, -1, t);
        break;
      case STEP: step(a, t); break;
      case ATTEMPT: if (C.gen[a] === b) beginAttempt(a, t); break;
      case CHILD_ARRIVE: // a request still on the wire when its caller gave up is dropped (the call slot may be reused)
        if (C.gen[a] === b) newFrame(edgeCallee[C.edge[a]], C.edge[a], a, b, C.request[a], C.span[a], t);
        break;
      case RESPONSE: if (C.gen[a] === b >> 1) attemptDone(a, t, b & 1 ? ERROR : OK); break;
      case TIMEOUT: {
        // the lane's head is due; timers behind it whose call has moved on are counted as the events they stand for
        const lane = timers[a];
        const c = lane.call[lane.head];
        const gen = lane.gen[lane.head++];
        while (lane.length && C.gen[lane.call[lane.head]] !== lane.gen[lane.head]) {
          lane.head++;
          events++;
        }
        if (lane.length) q.pushAt(lane.due[lane.head], TIMEOUT, a, 0, lane.seq[lane.head]);
        if (C.gen[c] === gen) attemptDone(c, t, TIMED_OUT);
        break;
      }
      case FAIL: if (C.gen[a] === b) attemptDone(a, t, ERROR); break;
      case BULKHEAD_EXPIRE: if (C.gen[a] === b && C.waiting[a]) attemptDone(a, t, BULKHEAD_REJECT); break;
    }
  }

  const edges: EdgeStats[] = model.edges.map((_, e) => ({
    edge: name(e), calls: stat.calls[e], failed: stat.failed[e], fallbacks: stat.fallbacks[e], attempts: stat.attempts[e],
    timeouts: stat.timeouts[e], rejectedByBreaker: stat.breaker[e], rejectedByBulkhead: stat.bulkhead[e],
  }));
  const breakers = model.edges.flatMap((_, e) => (breaker[e] ? [{ edge: name(e), timeline: breaker[e]?.timeline ?? [] }] : []));
  return {
    series: metrics.toSeries(faults, config.coresPerService ?? 4), edges, breakers,
    ...(builder ? { traces: builder.finish().set } : {}),
    requests: model.arrivalMs.length, simulatedCalls, events,
    faultWindows: config.faults.map((f) => ({ kind: f.kind, targets: [...f.targets], ...faultWindow(f, model.startMs) })),
  };
}
