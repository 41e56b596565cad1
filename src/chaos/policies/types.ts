// Resilience policies per caller → callee edge with resilience4j semantics and defaults (reference §4):
// TimeLimiter, Retry (+ IntervalFunction or AWS backoff), CircuitBreaker, Bulkhead, Fallback.

/** resilience4j IntervalFunction variants and the AWS "Exponential Backoff and Jitter" ones. */
export type Backoff =
  | { kind: 'constant'; waitDurationMs: number }
  | { kind: 'exponential'; initialIntervalMs: number; multiplier: number; maxIntervalMs?: number }
  | { kind: 'exponential-random'; initialIntervalMs: number; multiplier: number; randomizationFactor: number; maxIntervalMs?: number }
  | { kind: 'aws-full' | 'aws-equal' | 'aws-decorrelated' | 'aws-none'; baseMs: number; capMs: number };

export interface RetryPolicy {
  /** Attempts including the first call (resilience4j), default 3. */
  maxAttempts: number;
  backoff: Backoff;
}

export interface CircuitBreakerPolicy {
  slidingWindowType: 'COUNT_BASED' | 'TIME_BASED';
  /** Calls (COUNT_BASED) or seconds (TIME_BASED); default 100. */
  slidingWindowSize: number;
  /** Percent, (0, 100]; default 50. */
  failureRateThreshold: number;
  /** Percent, (0, 100]; default 100. */
  slowCallRateThreshold: number;
  /** A call is slow when its duration exceeds this; default 60 000 ms. */
  slowCallDurationThresholdMs: number;
  /** Default 100 (capped at the window size when COUNT_BASED). */
  minimumNumberOfCalls: number;
  /** Default 60 000 ms. */
  waitDurationInOpenStateMs: number;
  /** Default 10. */
  permittedNumberOfCallsInHalfOpenState: number;
}

export interface BulkheadPolicy {
  /** Default 25. */
  maxConcurrentCalls: number;
  /** Default 0: reject at once when full. */
  maxWaitDurationMs: number;
}

export interface EdgePolicy {
  /** TimeLimiter timeoutDuration, ms (resilience4j default 1000). */
  timeoutMs?: number;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  bulkhead?: BulkheadPolicy;
  /** When set, a call that still fails after retries returns the fallback (a success, counted apart). */
  fallback?: boolean;
}

/** Policies by edge key "caller>callee" (service names). */
export type PolicyMap = Record<string, EdgePolicy>;

export const edgeKey = (caller: string, callee: string): string => `${caller}>${callee}`;

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerPolicy = {
  slidingWindowType: 'COUNT_BASED', slidingWindowSize: 100, failureRateThreshold: 50, slowCallRateThreshold: 100,
  slowCallDurationThresholdMs: 60000, minimumNumberOfCalls: 100, waitDurationInOpenStateMs: 60000, permittedNumberOfCallsInHalfOpenState: 10,
};
export const DEFAULT_BULKHEAD: BulkheadPolicy = { maxConcurrentCalls: 25, maxWaitDurationMs: 0 };
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: { kind: 'constant', waitDurationMs: 500 } };

/**
 * Composition, outermost first: Fallback(Retry(CircuitBreaker(TimeLimiter(Bulkhead(call))))) — resilience4j's
 * aspect order (RateLimiter, between CircuitBreaker and TimeLimiter there, is not modelled) with the
 * Decorators fallback outside.
 */
export const POLICY_ORDER = ['fallback', 'retry', 'circuitBreaker', 'timeLimiter', 'bulkhead'] as const;

/** Readable problems of every edge policy; empty when valid. */
export function validatePolicies(policies: PolicyMap, services: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, p] of Object.entries(policies)) {
    const [a, b] = key.split('>');
    if (!services.includes(a ?? '') || !services.includes(b ?? '')) out.push(`policy ${key}: both sides of "caller>callee" must be services of the dataset.`);
    const bad = (field: string, v: number, lo: number, hi: number, loOpen = false): void => {
      if (!(typeof v === 'number' && (loOpen ? v > lo : v >= lo) && v <= hi)) out.push(`policy ${key}: ${field} must be in ${loOpen ? '(' : '['}${lo}, ${hi}], got ${String(v)}.`);
    };
    if (p.timeoutMs !== undefined) bad('timeoutMs', p.timeoutMs, 0, Infinity, true);
    if (p.retry) {
      bad('retry.maxAttempts', p.retry.maxAttempts, 1, 100);
      const k = p.retry.backoff;
      if (k.kind === 'constant') bad('retry.backoff.waitDurationMs', k.waitDurationMs, 0, Infinity);
      else if (k.kind === 'exponential' || k.kind === 'exponential-random') {
        bad('retry.backoff.initialIntervalMs', k.initialIntervalMs, 1, Infinity);
        bad('retry.backoff.multiplier', k.multiplier, 1, 1000);
        if (k.kind === 'exponential-random') bad('retry.backoff.randomizationFactor', k.randomizationFactor, 0, 1);
      } else {
        bad('retry.backoff.baseMs', k.baseMs, 0, Infinity);
        bad('retry.backoff.capMs', k.capMs, k.baseMs, Infinity);
      }
    }
    const cb = p.circuitBreaker;
    if (cb) {
      if (cb.slidingWindowType !== 'COUNT_BASED' && cb.slidingWindowType !== 'TIME_BASED') out.push(`policy ${key}: slidingWindowType must be COUNT_BASED or TIME_BASED.`);
      bad('circuitBreaker.slidingWindowSize', cb.slidingWindowSize, 1, 1e6);
      bad('circuitBreaker.failureRateThreshold', cb.failureRateThreshold, 0, 100, true);
      bad('circuitBreaker.slowCallRateThreshold', cb.slowCallRateThreshold, 0, 100, true);
      bad('circuitBreaker.slowCallDurationThresholdMs', cb.slowCallDurationThresholdMs, 0, Infinity, true);
      bad('circuitBreaker.minimumNumberOfCalls', cb.minimumNumberOfCalls, 1, 1e9);
      bad('circuitBreaker.waitDurationInOpenStateMs', cb.waitDurationInOpenStateMs, 1, Infinity);
      bad('circuitBreaker.permittedNumberOfCallsInHalfOpenState', cb.permittedNumberOfCallsInHalfOpenState, 1, 1e6);
    }
    if (p.bulkhead) {
      bad('bulkhead.maxConcurrentCalls', p.bulkhead.maxConcurrentCalls, 1, 1e6);
      bad('bulkhead.maxWaitDurationMs', p.bulkhead.maxWaitDurationMs, 0, Infinity);
    }
  }
  return out;
}
