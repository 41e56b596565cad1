// The likelihood kernel's state as a Float64Array (the slots of assembly/likelihood-layout.ts): the
// configuration and capacities the caller writes into zeros (the kernel initialises its model), and the
// length a state of given capacities has (header, rings, recent levels, pending values, lag pairs, keys).
import type { LikelihoodConfig, LikelihoodState } from './likelihood-types';

export const SLOT = {
  learning: 0, history: 1, averaging: 2, alpha: 3, scaleAlpha: 4, errorCap: 5, seasonal: 6, rest: 7, novelty: 8, levels: 9, depth: 10,
  /** Capacities: points of the day and the week lag history, slots of the context set (a power of two). */
  capLagDay: 11, capLagWeek: 12, capKeys: 13,
  /** Capacities the kernel asks for when it stops early (0: enough). */
  needLagDay: 14, needLagWeek: 15, needKeys: 16,
  /** Model slots a call's changes are told from: finite points seen, lag history lengths, ring cursor, keys, pending values. */
  seen: 17, lagDayLength: 35, lagWeekLength: 39, pastNext: 46, keyCount: 53, pendingCount: 54,
} as const;

/** Slots before the sections (configuration, capacities, the model's scalars). */
export const LIKELIHOOD_HEADER = 56;
/** First capacities of the growable sections (they double as a stream needs more). */
const FIRST_CAPACITY = 256;

/** Where each section starts (slot index) in a state with this header's configuration and capacities. */
function sectionsOf(h: Float64Array): { past: number; levels: number; pending: number; lagDay: number; lagWeek: number; keys: number; end: number } {
  const past = LIKELIHOOD_HEADER + h[SLOT.averaging];
  const levels = past + h[SLOT.history];
  const pending = levels + h[SLOT.depth];
  const lagDay = pending + (h[SLOT.novelty] > 0 ? h[SLOT.learning] : 0);
  const lagWeek = lagDay + 2 * h[SLOT.capLagDay];
  const keys = lagWeek + 2 * h[SLOT.capLagWeek];
  return { past, levels, pending, lagDay, lagWeek, keys, end: keys + h[SLOT.capKeys] };
}

/** Slots of a state with this header's configuration and capacities. */
export function likelihoodStateLength(h: Float64Array): number {
  return sectionsOf(h).end;
}

/**
 * The slot ranges [from, to) a call may have changed, from the header before it and the state after
 * it (slots outside them are as before, or no longer read: past the lag histories' ends, the pending
 * values once the grid is fixed): the header and the short ring, the history ring's new entries, the
 * recent levels and new pending values, the lag histories' new pairs (all of a compacted one), the
 * context set if it gained keys.
 */
export function changedSlots(before: Float64Array, after: Float64Array): [number, number][] {
  const at = sectionsOf(after);
  const spans: [number, number][] = [[0, at.past]];
  const pushed = after[SLOT.seen] - before[SLOT.seen];
  const history = after[SLOT.history];
  const start = before[SLOT.pastNext];
  if (pushed >= history) spans.push([at.past, at.levels]);
  else if (start + pushed <= history) spans.push([at.past + start, at.past + start + pushed]);
  else spans.push([at.past + start, at.levels], [at.past, at.past + start + pushed - history]);
  spans.push([at.levels, at.pending], [at.pending + before[SLOT.pendingCount], at.pending + Math.max(before[SLOT.pendingCount], after[SLOT.pendingCount])]);
  for (const [section, length] of [[at.lagDay, SLOT.lagDayLength], [at.lagWeek, SLOT.lagWeekLength]] as const) {
    const appended = after[length] === before[length] + pushed;
    spans.push([section + (appended ? 2 * before[length] : 0), section + 2 * after[length]]);
  }
  if (after[SLOT.keyCount] !== before[SLOT.keyCount]) spans.push([at.keys, at.end]);
  return spans;
}

/** A fresh state for a stream with this configuration. */
export function newLikelihoodState(c: LikelihoodConfig): LikelihoodState {
  for (const [name, value] of Object.entries(c)) {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`likelihood ${name} must be finite, got ${value}`);
  }
  for (const name of ['learning', 'history', 'averaging', 'levels', 'depth'] as const) {
    if (!Number.isInteger(c[name]) || c[name] < 1) throw new RangeError(`likelihood ${name} must be a positive integer, got ${c[name]}`);
  }
  const h = new Float64Array(LIKELIHOOD_HEADER);
  for (const name of ['learning', 'history', 'averaging', 'alpha', 'scaleAlpha', 'errorCap', 'rest', 'novelty', 'levels', 'depth'] as const) h[SLOT[name]] = c[name];
  h[SLOT.seasonal] = c.seasonal ? 1 : 0;
  h[SLOT.capLagDay] = h[SLOT.capLagWeek] = c.seasonal ? FIRST_CAPACITY : 0;
  h[SLOT.capKeys] = c.novelty > 0 ? FIRST_CAPACITY : 0;
  const slots = new Float64Array(likelihoodStateLength(h));
  slots.set(h);
  return { slots };
}

/** The header of a state that asked for more, with capacities at least that and at least double (keys: a power of two). */
export function grownHeader(header: Float64Array): Float64Array {
  const h = header.slice(0, LIKELIHOOD_HEADER);
  const grow = (cap: number, need: number): void => {
    if (h[need] > h[cap]) h[cap] = Math.max(h[need], 2 * h[cap]);
  };
  grow(SLOT.capLagDay, SLOT.needLagDay);
  grow(SLOT.capLagWeek, SLOT.needLagWeek);
  grow(SLOT.capKeys, SLOT.needKeys);
  if (h[SLOT.capKeys] > 0) h[SLOT.capKeys] = 2 ** Math.ceil(Math.log2(h[SLOT.capKeys]));
  return h;
}
