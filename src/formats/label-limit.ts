// The one limit on labels per series shared by every metrics format (Prometheus text, OpenMetrics, Prometheus
// API JSON, OTLP metrics): a sample with more labels is refused, with the same words everywhere.

/** Labels on one sample beyond this are refused (a line of 100 k labels is an error, not a series). */
export const MAX_LABELS = 1000;

/** What was expected when a sample has `count` labels; undefined when that is within the limit. */
export function labelCountExpected(count: number): string | undefined {
  return count > MAX_LABELS ? `at most ${MAX_LABELS} labels on one sample` : undefined;
}
