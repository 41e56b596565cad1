// Retry waits: resilience4j IntervalFunction (exponential truncated per step, randomize(v, f) with the cap
// applied after) and AWS full / equal / decorrelated jitter (aws-arch-backoff-simulator), reference §4.3–4.4.

import type { Rng } from '../rng';
import type { Backoff } from './types';

/** resilience4j randomize(v, f): min + random·(max − min + 1), at least 1. */
export function randomize(v: number, factor: number, random: number): number {
  const delta = factor * v;
  const lo = v - delta;
  const hi = v + delta;
  return Math.max(1, lo + random * (hi - lo + 1));
}

/** resilience4j ofExponentialBackoff: initial × multiplier^(attempt−1), truncated to a long at each step. */
export function exponentialInterval(initial: number, multiplier: number, attempt: number): number {
  let x = initial;
  for (let i = 1; i < attempt; i++) x = Math.trunc(x * multiplier);
  return x;
}

/** AWS expo(n) = min(cap, 2^n × base). */
export const awsExpo = (n: number, base: number, cap: number): number => Math.min(cap, 2 ** n * base);

/**
 * Wait before the retry that follows failed attempt `attempt` (1 = the first call failed). `prev` is the
 * previous wait for decorrelated jitter (pass NaN the first time: it starts from base). Draws from `rng`
 * only for the randomized kinds.
 */
export function retryWait(b: Backoff, attempt: number, prev: number, rng: Rng): number {
  switch (b.kind) {
    case 'constant': return b.waitDurationMs;
    case 'exponential': {
      const v = exponentialInterval(b.initialIntervalMs, b.multiplier, attempt);
      return b.maxIntervalMs === undefined ? v : Math.min(v, b.maxIntervalMs);
    }
    case 'exponential-random': {
      const v = randomize(exponentialInterval(b.initialIntervalMs, b.multiplier, attempt), b.randomizationFactor, rng.uniform());
      return b.maxIntervalMs === undefined ? v : Math.min(v, b.maxIntervalMs);
    }
    case 'aws-none': return awsExpo(attempt, b.baseMs, b.capMs);
    case 'aws-full': return rng.uniform() * awsExpo(attempt, b.baseMs, b.capMs);
    case 'aws-equal': {
      const v = awsExpo(attempt, b.baseMs, b.capMs);
      return v / 2 + rng.uniform() * (v / 2);
    }
    case 'aws-decorrelated': {
      const s = Number.isNaN(prev) ? b.baseMs : prev;
      return Math.min(b.capMs, b.baseMs + rng.uniform() * (s * 3 - b.baseMs));
    }
  }
}
