// Severity levels as the UI shows them: names, CSS classes and the chart colours (read from the
// theme's --sev-* variables in styles.css), in the order LOW, MEDIUM, HIGH, CRITICAL.

export const SEVERITY_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** Index of a severity name (any case) in SEVERITY_LEVELS; 0 for an unknown name. */
export function severityIndex(name: string): number {
  const i = (SEVERITY_LEVELS as readonly string[]).indexOf(name.toLowerCase());
  return i < 0 ? 0 : i;
}

export function severityLabel(name: string): string {
  const s = SEVERITY_LEVELS[severityIndex(name)];
  return s.toUpperCase();
}

/** Chart colours of the four levels and of maintenance windows, for the current theme. */
export function severityColours(): { levels: string[]; maintenance: string } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { levels: SEVERITY_LEVELS.map((s) => v(`--sev-${s}`)), maintenance: v('--maintenance') };
}
