// resilience4j's CircuitBreaker state machine on simulated time: COUNT_BASED or TIME_BASED (epoch-second
// buckets) subtract-on-evict windows, ≥ thresholds after minimumNumberOfCalls, OPEN → HALF_OPEN on the
// first call after the wait, a fresh half-open window of the permitted calls; every transition recorded.

import type { CircuitBreakerPolicy } from './types';

export const BREAKER_STATE = { CLOSED: 0, OPEN: 1, HALF_OPEN: 2 } as const;
export type BreakerState = keyof typeof BREAKER_STATE;
export const BREAKER_STATE_NAMES: readonly BreakerState[] = ['CLOSED', 'OPEN', 'HALF_OPEN'];

/** Transitions resilience4j's state machine can make between these three states. */
const LEGAL: readonly string[] = ['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>OPEN', 'HALF_OPEN>CLOSED'];
export const isLegalTransition = (from: BreakerState, to: BreakerState): boolean => LEGAL.includes(`${from}>${to}`);

export interface BreakerTransition {
  atMs: number;
  from: BreakerState;
  to: BreakerState;
  /** Failure and slow-call rates (percent) that decided it; -1 for OPEN → HALF_OPEN. */
  failureRate: number;
  slowCallRate: number;
}

/** Outcome flags of a window slot. */
const FAILED = 1;
const SLOW = 2;

export class CircuitBreaker {
  state: BreakerState = 'CLOSED';
  readonly timeline: BreakerTransition[] = [];
  private openedAt = 0;
  private halfOpenAdmitted = 0;
  // count-based ring (closed window; the half-open window reuses it with the permitted size)
  private ring: Uint8Array;
  private ringSize: number;
  private ringPos = 0;
  private ringFill = 0;
  // time-based buckets: calls, failed, slow per epoch second
  private readonly bucketSecond: Float64Array;
  private readonly bucketCalls: Uint32Array;
  private readonly bucketFailed: Uint32Array;
  private readonly bucketSlow: Uint32Array;
  private total = 0;
  private failed = 0;
  private slow = 0;
  private minCalls: number;
  private timeBased: boolean;

  constructor(readonly config: CircuitBreakerPolicy) {
    this.timeBased = config.slidingWindowType === 'TIME_BASED';
    const size = config.slidingWindowSize;
    this.ringSize = this.timeBased ? 0 : size;
    this.ring = new Uint8Array(Math.max(size, config.permittedNumberOfCallsInHalfOpenState));
    this.bucketSecond = new Float64Array(this.timeBased ? size : 0).fill(-Infinity);
    this.bucketCalls = new Uint32Array(this.timeBased ? size : 0);
    this.bucketFailed = new Uint32Array(this.timeBased ? size : 0);
    this.bucketSlow = new Uint32Array(this.timeBased ? size : 0);
    this.minCalls = this.closedMinCalls();
  }

  private closedMinCalls(): number {
    return this.timeBased ? this.config.minimumNumberOfCalls : Math.min(this.config.minimumNumberOfCalls, this.config.slidingWindowSize);
  }

  /** Whether a call may go through at `nowMs` (OPEN moves to HALF_OPEN here once the wait has elapsed). */
  tryAcquire(nowMs: number): boolean {
    if (this.state === 'CLOSED') return true;
    if (this.state === 'OPEN') {
      if (nowMs < this.openedAt + this.config.waitDurationInOpenStateMs) return false;
      this.transition(nowMs, 'HALF_OPEN', -1, -1);
    }
    if (this.halfOpenAdmitted >= this.config.permittedNumberOfCallsInHalfOpenState) return false;
    this.halfOpenAdmitted++;
    return true;
  }

  /** Records a finished call in the current state's window and decides a transition. */
  onResult(nowMs: number, durationMs: number, failed: boolean): void {
    if (this.state === 'OPEN') return; // a late result of a call admitted before opening: the next window starts fresh anyway
    const flags = (failed ? FAILED : 0) | (durationMs > this.config.slowCallDurationThresholdMs ? SLOW : 0);
    if (this.timeBased && this.state === 'CLOSED') this.recordTime(nowMs, flags);
    else this.recordCount(flags);
    if (this.total < this.minCalls) return;
    const failureRate = (this.failed * 100) / this.total;
    const slowCallRate = (this.slow * 100) / this.total;
    const exceeded = failureRate >= this.config.failureRateThreshold || slowCallRate >= this.config.slowCallRateThreshold;
    if (exceeded) this.transition(nowMs, 'OPEN', failureRate, slowCallRate);
    else if (this.state === 'HALF_OPEN') this.transition(nowMs, 'CLOSED', failureRate, slowCallRate);
  }

  private recordCount(flags: number): void {
    if (this.ringFill === this.ringSize) {
      const old = this.ring[this.ringPos];
      this.failed -= old & FAILED;
      this.slow -= (old & SLOW) >> 1;
      this.total--;
    } else this.ringFill++;
    this.ring[this.ringPos] = flags;
    this.ringPos = this.ringPos + 1 === this.ringSize ? 0 : this.ringPos + 1;
    this.total++;
    this.failed += flags & FAILED;
    this.slow += (flags & SLOW) >> 1;
  }

  private recordTime(nowMs: number, flags: number): void {
    const second = Math.floor(nowMs / 1000);
    const n = this.bucketSecond.length;
    for (let i = 0; i < n; i++) {
      if (this.bucketSecond[i] > second - n) continue;
      this.total -= this.bucketCalls[i];
      this.failed -= this.bucketFailed[i];
      this.slow -= this.bucketSlow[i];
      this.bucketCalls[i] = this.bucketFailed[i] = this.bucketSlow[i] = 0;
      this.bucketSecond[i] = -Infinity;
    }
    const b = ((second % n) + n) % n;
    this.bucketSecond[b] = second;
    this.bucketCalls[b]++;
    this.bucketFailed[b] += flags & FAILED;
    this.bucketSlow[b] += (flags & SLOW) >> 1;
    this.total++;
    this.failed += flags & FAILED;
    this.slow += (flags & SLOW) >> 1;
  }

  private resetWindow(size: number, minCalls: number): void {
    this.ringSize = size;
    this.ringPos = this.ringFill = 0;
    this.total = this.failed = this.slow = 0;
    this.bucketSecond.fill(-Infinity);
    this.bucketCalls.fill(0);
    this.bucketFailed.fill(0);
    this.bucketSlow.fill(0);
    this.minCalls = minCalls;
  }

  private transition(nowMs: number, to: BreakerState, failureRate: number, slowCallRate: number): void {
    if (!isLegalTransition(this.state, to)) throw new Error(`Illegal circuit breaker transition ${this.state} → ${to}.`);
    this.timeline.push({ atMs: nowMs, from: this.state, to, failureRate, slowCallRate });
    this.state = to;
    const permitted = this.config.permittedNumberOfCallsInHalfOpenState;
    if (to === 'OPEN') {
      this.openedAt = nowMs;
      this.resetWindow(this.timeBased ? 0 : this.config.slidingWindowSize, this.closedMinCalls());
    } else if (to === 'HALF_OPEN') {
      this.halfOpenAdmitted = 0;
      this.resetWindow(permitted, permitted);
    } else this.resetWindow(this.timeBased ? 0 : this.config.slidingWindowSize, this.closedMinCalls());
  }
}
