import { describe, expect, it } from 'vitest';
import { awsExpo, exponentialInterval, randomize, retryWait } from '../../src/chaos/policies/backoff';
import { CircuitBreaker, isLegalTransition } from '../../src/chaos/policies/circuit-breaker';
import { DEFAULT_CIRCUIT_BREAKER, type CircuitBreakerPolicy } from '../../src/chaos/policies/types';
import { Rng } from '../../src/chaos/rng';

const cb = (over: Partial<CircuitBreakerPolicy>): CircuitBreaker => new CircuitBreaker({ ...DEFAULT_CIRCUIT_BREAKER, ...over });

describe('circuit breaker (resilience4j semantics)', () => {
  it('does not decide before minimumNumberOfCalls, opens at ≥ threshold on the call that reaches it', () => {
    const b = cb({ slidingWindowSize: 10, minimumNumberOfCalls: 4, failureRateThreshold: 50 });
    b.onResult(1, 1, true);
    b.onResult(2, 1, true);
    b.onResult(3, 1, true);
    expect(b.state).toBe('CLOSED'); // 3 of 3 failed, but fewer than 4 calls
    b.onResult(4, 1, false);
    expect(b.state).toBe('OPEN'); // 3 / 4 = 75 % ≥ 50 %
    expect(b.timeline).toEqual([{ atMs: 4, from: 'CLOSED', to: 'OPEN', failureRate: 75, slowCallRate: 0 }]);
    const exact = cb({ slidingWindowSize: 10, minimumNumberOfCalls: 4, failureRateThreshold: 50 });
    for (const [i, f] of [true, false, false, true].entries()) exact.onResult(i, 1, f);
    expect(exact.state).toBe('OPEN'); // exactly 50 %: ≥
    const below = cb({ slidingWindowSize: 10, minimumNumberOfCalls: 4, failureRateThreshold: 50 });
    for (const [i, f] of [true, false, false, false].entries()) below.onResult(i, 1, f);
    expect(below.state).toBe('CLOSED');
  });

  it('evicts the oldest outcome from a COUNT_BASED window', () => {
    const b = cb({ slidingWindowSize: 4, minimumNumberOfCalls: 4, failureRateThreshold: 75 });
    for (const [i, f] of [true, true, false, false, false, true, true].entries()) b.onResult(i, 1, f);
    expect(b.state).toBe('CLOSED'); // the last 4: ok, ok, failed, failed = 50 %
    b.onResult(8, 1, true); // ok, failed, failed, failed = 75 %
    expect(b.state).toBe('OPEN');
  });

  it('trips on slow calls (duration > slowCallDurationThreshold) at slowCallRateThreshold', () => {
    const b = cb({ slidingWindowSize: 10, minimumNumberOfCalls: 2, slowCallRateThreshold: 50, slowCallDurationThresholdMs: 100 });
    b.onResult(0, 100, false); // not slow: not greater than the threshold
    b.onResult(1, 50, false);
    expect(b.state).toBe('CLOSED');
    b.onResult(2, 101, false);
    b.onResult(3, 150, false);
    expect(b.state).toBe('OPEN'); // 2 of 4 slow = 50 %
    expect(b.timeline[0].slowCallRate).toBe(50);
  });

  it('rejects while OPEN, half-opens on the first call after the wait, admits only the permitted calls, closes or reopens', () => {
    const b = cb({ slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenStateMs: 1000, permittedNumberOfCallsInHalfOpenState: 3 });
    b.onResult(0, 1, true);
    b.onResult(10, 1, true);
    expect(b.state).toBe('OPEN');
    expect(b.tryAcquire(1009)).toBe(false);
    expect(b.state).toBe('OPEN');
    expect(b.tryAcquire(1010)).toBe(true);
    expect(b.state).toBe('HALF_OPEN');
    expect(b.tryAcquire(1011)).toBe(true);
    expect(b.tryAcquire(1012)).toBe(true);
    expect(b.tryAcquire(1013)).toBe(false); // only 3 permitted
    b.onResult(1020, 1, false);
    b.onResult(1021, 1, false);
    expect(b.state).toBe('HALF_OPEN'); // decides once the 3 permitted calls are in
    b.onResult(1022, 1, true); // 1 of 3 = 33 % < 50 %
    expect(b.state).toBe('CLOSED');
    b.onResult(2000, 1, true);
    b.onResult(2001, 1, true);
    expect(b.state).toBe('OPEN');
    expect(b.tryAcquire(3001)).toBe(true);
    for (let i = 0; i < 3; i++) b.onResult(3002 + i, 1, i > 0); // 2 of 3 failed: reopen
    expect(b.state).toBe('OPEN');
    expect(b.timeline.map((x) => `${x.from}>${x.to}@${x.atMs}`)).toEqual([
      'CLOSED>OPEN@10', 'OPEN>HALF_OPEN@1010', 'HALF_OPEN>CLOSED@1022', 'CLOSED>OPEN@2001', 'OPEN>HALF_OPEN@3001', 'HALF_OPEN>OPEN@3004',
    ]);
    for (const x of b.timeline) expect(isLegalTransition(x.from, x.to)).toBe(true);
    expect(isLegalTransition('CLOSED', 'HALF_OPEN')).toBe(false);
    expect(isLegalTransition('OPEN', 'CLOSED')).toBe(false);
  });

  it('TIME_BASED: aggregates epoch-second buckets and forgets calls older than the window; minimum calls may exceed the size', () => {
    const b = cb({ slidingWindowType: 'TIME_BASED', slidingWindowSize: 10, minimumNumberOfCalls: 4 });
    b.onResult(0, 1, true);
    b.onResult(1000, 1, true);
    b.onResult(2500, 1, true);
    b.onResult(15000, 1, true); // the first three are more than 10 s old: 1 call in the window
    expect(b.state).toBe('CLOSED');
    b.onResult(15100, 1, true);
    b.onResult(16000, 1, false);
    b.onResult(24999, 1, true); // seconds 15..24: 4 calls, 3 failed
    expect(b.state).toBe('OPEN');
    const big = cb({ slidingWindowType: 'TIME_BASED', slidingWindowSize: 2, minimumNumberOfCalls: 5 });
    for (let i = 0; i < 4; i++) big.onResult(i * 10, 1, true);
    expect(big.state).toBe('CLOSED');
    big.onResult(50, 1, true);
    expect(big.state).toBe('OPEN');
  });
});

describe('retry intervals', () => {
  it('resilience4j exponential: initial × multiplier^(attempt−1), truncated per step, then capped', () => {
    expect([1, 2, 3, 4, 5].map((a) => exponentialInterval(100, 1.5, a))).toEqual([100, 150, 225, 337, 505]);
    const rng = new Rng(1);
    expect(retryWait({ kind: 'exponential', initialIntervalMs: 100, multiplier: 1.5, maxIntervalMs: 300 }, 4, NaN, rng)).toBe(300);
    expect(retryWait({ kind: 'constant', waitDurationMs: 500 }, 2, NaN, rng)).toBe(500);
  });

  it('resilience4j randomize(v, f) = v − f·v + random·(2·f·v + 1), at least 1, cap after randomization', () => {
    expect(randomize(100, 0.5, 0)).toBe(50);
    expect(randomize(100, 0.5, 0.5)).toBe(100.5);
    expect(randomize(100, 0.5, 0.999)).toBeCloseTo(150.899, 6);
    expect(randomize(1, 1, 0)).toBe(1);
    const a = new Rng(9);
    const u = new Rng(9).uniform();
    expect(retryWait({ kind: 'exponential-random', initialIntervalMs: 100, multiplier: 2, randomizationFactor: 0.5, maxIntervalMs: 160 }, 2, NaN, a))
      .toBe(Math.min(160, 100 + u * 201));
  });

  it('AWS full / equal / decorrelated jitter with base 5, cap 2000 (first retry n = 1)', () => {
    expect([1, 2, 3, 8, 9].map((n) => awsExpo(n, 5, 2000))).toEqual([10, 20, 40, 1280, 2000]);
    const b = { baseMs: 5, capMs: 2000 };
    const twin = new Rng(3);
    const r = new Rng(3);
    const u1 = twin.uniform();
    expect(retryWait({ kind: 'aws-full', ...b }, 3, NaN, r)).toBe(u1 * 40);
    const u2 = twin.uniform();
    expect(retryWait({ kind: 'aws-equal', ...b }, 3, NaN, r)).toBe(20 + u2 * 20);
    const u3 = twin.uniform();
    const d1 = retryWait({ kind: 'aws-decorrelated', ...b }, 1, NaN, r);
    expect(d1).toBe(5 + u3 * (15 - 5)); // sleep₀ = base: uniform(base, base·3)
    const u4 = twin.uniform();
    expect(retryWait({ kind: 'aws-decorrelated', ...b }, 2, d1, r)).toBe(Math.min(2000, 5 + u4 * (d1 * 3 - 5)));
    expect(retryWait({ kind: 'aws-decorrelated', ...b }, 9, 1900, new Rng(1))).toBeLessThanOrEqual(2000);
    expect(retryWait({ kind: 'aws-none', ...b }, 2, NaN, r)).toBe(20);
  });
});
