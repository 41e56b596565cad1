// Severity (LOW / MEDIUM / HIGH / CRITICAL) and confidence in [0, 1] of a flagged point or incident,
// from how far past their thresholds the flagging detectors are and how many of them agree.

import { forEachFlag } from './flag-scan';
import type { Combined } from './ensemble';
import { severityCode, SEVERITIES, type Severity } from './run-types';

/**
 * Magnitude: a detector score s = d / (d + threshold) (types.ts scoreOf) gives back d / threshold =
 * s / (1 - s), "how many thresholds out" — unit-free, so detectors of different units compare.
 */
export function magnitudeOf(score: number): number {
  if (!(score > 0)) return 0;
  return score >= 1 ? Infinity : score / (1 - score);
}

/** Magnitude (thresholds out) at which each severity starts: LOW from the threshold itself. */
export const SEVERITY_MAGNITUDE: Readonly<Record<Severity, number>> = { LOW: 0, MEDIUM: 1.5, HIGH: 2.5, CRITICAL: 4 };

/** Below this share of the voting weight agreeing, the severity drops one level (not below LOW). */
export const WEAK_AGREEMENT = 2 / 3;

export interface Grade {
  severity: Severity;
  confidence: number;
}

/**
 * The rule, for a point or an incident:
 * - magnitude m of the flagging detectors' mean score (magnitudeOf): m >= 4 CRITICAL, >= 2.5 HIGH,
 *   >= 1.5 MEDIUM, else LOW;
 * - agreement a (share of the voting weight whose detector flagged): when a < 2/3 and more than one
 *   detector voted, one level lower (never below LOW) — a lone detector's spike is less sure;
 * - confidence = a × flagged score, in [0, 1]: 1 only when every detector flags it at score 1; one
 *   detector exactly at its threshold gives 0.5.
 */
export function grade(flaggedScore: number, agreement: number, voters: number): Grade {
  // Relative slack: a score computed at exactly 1.5 thresholds can come back as 1.4999999999999998.
  const m = magnitudeOf(flaggedScore) * (1 + 1e-9);
  let level = m >= SEVERITY_MAGNITUDE.CRITICAL ? 3 : m >= SEVERITY_MAGNITUDE.HIGH ? 2 : m >= SEVERITY_MAGNITUDE.MEDIUM ? 1 : 0;
  if (voters > 1 && agreement < WEAK_AGREEMENT && level > 0) level--;
  const a = Math.min(1, Math.max(0, agreement));
  const s = Math.min(1, Math.max(0, flaggedScore));
  return { severity: SEVERITIES[level], confidence: a * s };
}

/** Per-point severity codes (0 where not flagged, run-types.ts) and confidences (0 where not flagged). */
export function gradePoints(c: Combined, voters: number): { severity: Uint8Array; confidence: Float64Array } {
  const n = c.flag.length;
  const severity = new Uint8Array(n);
  const confidence = new Float64Array(n);
  forEachFlag(c.flag, (i) => {
    const g = grade(c.flaggedScore[i], c.agreement[i], voters);
    severity[i] = severityCode(g.severity);
    confidence[i] = g.confidence;
  });
  return { severity, confidence };
}
