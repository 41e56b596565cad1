// Bucket width of a percentile series: a named choice (1m … 1h) or 'auto', which picks the smallest
// round width giving at most MAX_BUCKETS buckets over the range and some points in each on average.
import type { BucketChoice } from './view-types';

const MINUTE = 60_000;
const NAMED: Record<Exclude<BucketChoice, 'auto'>, number> = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE };

/** Round widths 'auto' chooses from, ms (1 s … 1 week). */
export const AUTO_WIDTHS: readonly number[] = [1000, 5000, 10_000, 30_000, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 3 * 60 * MINUTE, 6 * 60 * MINUTE, 12 * 60 * MINUTE, 24 * 60 * MINUTE, 7 * 24 * 60 * MINUTE];
/** Buckets across the range at most (a chart a few hundred pixels wide). */
export const MAX_BUCKETS = 200;
/** Points per bucket on average at least (a percentile of two points says little). */
export const MIN_POINTS_PER_BUCKET = 5;

/**
 * Width (ms) of a bucket choice: a named one as is; 'auto' the smallest of AUTO_WIDTHS with at most
 * MAX_BUCKETS buckets over rangeMs and at least MIN_POINTS_PER_BUCKET of `points` per bucket on average
 * (the largest width when none fits; a minute for an empty or one-instant range).
 */
export function bucketWidthMs(choice: BucketChoice, rangeMs: number, points: number): number {
  if (choice !== 'auto') return NAMED[choice];
  if (!(rangeMs > 0)) return MINUTE;
  const byPoints = points > 0 ? (rangeMs * MIN_POINTS_PER_BUCKET) / points : 0;
  for (const w of AUTO_WIDTHS) if (rangeMs / w <= MAX_BUCKETS && w >= byPoints) return w;
  return AUTO_WIDTHS[AUTO_WIDTHS.length - 1];
}

/** A width as the selector names it: "1m", "15m", "1h", "30s", "1d". */
export function bucketLabel(ms: number): string {
  if (ms % (24 * 60 * MINUTE) === 0) return `${ms / (24 * 60 * MINUTE)}d`;
  if (ms % (60 * MINUTE) === 0) return `${ms / (60 * MINUTE)}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
