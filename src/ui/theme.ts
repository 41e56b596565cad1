// Dark and light themes: follow the system by default, with a stored override (system → light →
// dark). Charts read their colours from the palette here and redraw on change.

export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export interface ChartPalette {
  axis: string;
  grid: string;
  line: string;
  band: string;
  anomaly: string;
  score: string;
  threshold: string;
  selection: string;
}

const KEY = 'faultline.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function stored(): ThemeSetting {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

let setting: ThemeSetting = stored();

export function themeSetting(): ThemeSetting {
  return setting;
}

export function currentTheme(): Theme {
  return setting === 'system' ? (media.matches ? 'dark' : 'light') : setting;
}

function apply(): void {
  document.documentElement.dataset.theme = currentTheme();
  for (const fn of listeners) fn();
}

export function setThemeSetting(s: ThemeSetting): void {
  setting = s;
  try {
    if (s === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, s);
  } catch {
    // storage unavailable: the override lasts for this page only
  }
  apply();
}

export function cycleTheme(): void {
  setThemeSetting(setting === 'system' ? 'light' : setting === 'light' ? 'dark' : 'system');
}

export function onThemeChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function initTheme(): void {
  media.addEventListener('change', () => {
    if (setting === 'system') apply();
  });
  apply();
}

export function chartPalette(): ChartPalette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    axis: v('--chart-axis'),
    grid: v('--chart-grid'),
    line: v('--chart-line'),
    band: v('--chart-band'),
    anomaly: v('--chart-anomaly'),
    score: v('--chart-score'),
    threshold: v('--chart-threshold'),
    selection: v('--chart-selection'),
  };
}
