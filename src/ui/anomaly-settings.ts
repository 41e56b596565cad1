// The Anomalies view's settings as URL parameters, both ways: a DetectionConfig (mode, detectors,
// voting, weights, parameter overrides, suppression, maintenance windows), the series shown and auto-run.
import type { DetectionConfig, MaintenanceWindow } from '../analysis/detectors/run-types';
import { isDetectionMode, isDetectorName, isVoting, VIEW_DEFAULT } from './detection-vocabulary';

export { VIEW_DEFAULT } from './detection-vocabulary';

export interface AnomalySettings {
  config: DetectionConfig;
  /** Series shown on the chart. */
  series: number;
  /** Run on open (set once the user has run, so a link or reload shows the results again). */
  autoRun: boolean;
}

const finite = (s: string | null): number | undefined => {
  if (s === null || s.trim() === '') return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
};

/** A series name inside the `mw` parameter: percent-encoded, '~' too (it separates the fields). */
const encodeName = (name: string): string => encodeURIComponent(name).replace(/~/g, '%7E');

/**
 * "start~end" (every series) or "start~end~series" (one series, its name percent-encoded) windows in
 * ms, separated by commas; malformed ones are dropped.
 */
export function parseWindows(s: string | null): MaintenanceWindow[] {
  if (!s) return [];
  const out: MaintenanceWindow[] = [];
  for (const part of s.split(',')) {
    const m = /^(-?\d+(?:\.\d+)?)~(-?\d+(?:\.\d+)?)(?:~([^~]+))?$/.exec(part.trim());
    if (!m) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    let series: string | undefined;
    try {
      series = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
    } catch {
      continue; // a malformed escape
    }
    if (end > start) out.push(series === undefined ? { start, end } : { start, end, series });
  }
  return out;
}

export function formatWindows(w: readonly MaintenanceWindow[]): string | undefined {
  const one = (x: MaintenanceWindow) => `${Math.round(x.start)}~${Math.round(x.end)}${x.series === undefined ? '' : `~${encodeName(x.series)}`}`;
  return w.length ? w.map(one).join(',') : undefined;
}

export function parseSettings(params: URLSearchParams, seriesCount: number): AnomalySettings {
  const mode = params.get('mode');
  const voting = params.get('vote');
  const detectors = (params.get('det') ?? '').split(',').filter(isDetectorName);
  const config: DetectionConfig = {
    mode: isDetectionMode(mode) ? mode : VIEW_DEFAULT.mode,
    detectors: [...new Set(detectors)],
    params: {},
    voting: isVoting(voting) ? voting : VIEW_DEFAULT.voting,
    suppression: {
      cooldownMs: Math.max(0, finite(params.get('cool')) ?? 0),
      minDurationMs: Math.max(0, finite(params.get('mindur')) ?? 0),
      maintenance: parseWindows(params.get('mw')),
    },
  };
  if (config.mode === 'single' && !config.detectors.length) config.detectors = ['zscore'];
  for (const [key, value] of params) {
    const m = /^([pw])\.([a-z]+)(?:\.([A-Za-z0-9_]+))?$/.exec(key);
    const x = finite(value);
    if (!m || x === undefined || !isDetectorName(m[2])) continue;
    const name = m[2];
    if (m[1] === 'w' && !m[3] && x >= 0) config.weights = { ...config.weights, [name]: x };
    if (m[1] === 'p' && m[3]) config.params[name] = { ...config.params[name], [m[3]]: x };
  }
  const series = Math.trunc(finite(params.get('series')) ?? 0);
  return {
    config,
    series: Math.min(Math.max(0, series), Math.max(0, seriesCount - 1)),
    autoRun: params.get('run') === '1',
  };
}

/** The URL parameters of settings: every key this view owns, undefined for those to remove. */
export function settingsParams(s: AnomalySettings, current: URLSearchParams): Record<string, string | number | undefined> {
  const c = s.config;
  const out: Record<string, string | number | undefined> = {
    mode: c.mode,
    det: c.detectors.length ? c.detectors.join(',') : undefined,
    vote: c.voting,
    cool: c.suppression.cooldownMs || undefined,
    mindur: c.suppression.minDurationMs || undefined,
    mw: formatWindows(c.suppression.maintenance),
    series: s.series || undefined,
    run: s.autoRun ? '1' : undefined,
  };
  for (const key of current.keys()) if (/^[pw]\./.test(key)) out[key] = undefined;
  for (const [name, p] of Object.entries(c.params)) {
    for (const [k, v] of Object.entries(p ?? {})) if (v !== undefined) out[`p.${name}.${k}`] = v;
  }
  for (const [name, w] of Object.entries(c.weights ?? {})) if (w !== undefined) out[`w.${name}`] = w;
  return out;
}
