// What the analysis worker tells the UI about its detectors (plain data, structured-cloneable): every
// detector name in the registry's order with its label, family and ParamSpecs, or unavailable.
import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from './registry';
import { DETECTOR_NAMES, MODE_DETECTORS, type DetectionMode } from './run-types';
import type { DetectorFamily, DetectorName, ParamSpec } from './types';

export interface DetectorInfo {
  name: DetectorName;
  label: string;
  family: DetectorFamily;
  params: readonly ParamSpec[];
  /** Scores all series together (correlation). */
  multiSeries: boolean;
  /** In the registry of this build. */
  available: boolean;
  /** The voting modes that run it when the user picks no detectors (run-types.ts MODE_DETECTORS). */
  modes: DetectionMode[];
}

const FALLBACK_LABELS: Partial<Record<DetectorName, string>> = {
  zscore: 'Adaptive z-score',
  mad: 'Robust z-score (median / MAD)',
  ewma: 'EWMA deviation',
  iqr: 'Rolling IQR fences',
  seasonal: 'Seasonal baseline',
  correlation: 'Correlation breaks',
  iforest: 'Isolation Forest',
  lof: 'Local Outlier Factor',
  likelihood: 'Anomaly likelihood',
};

/** Every known detector name (then any registered extra), described from the registry. */
export function describeDetectors(): DetectorInfo[] {
  const registered = [...SERIES_DETECTORS, ...MULTI_SERIES_DETECTORS].map((d) => d.name);
  const names = [...DETECTOR_NAMES, ...registered.filter((n) => !DETECTOR_NAMES.includes(n))];
  const modesOf = (name: DetectorName): DetectionMode[] =>
    (Object.keys(MODE_DETECTORS) as (keyof typeof MODE_DETECTORS)[]).filter((m) => MODE_DETECTORS[m].includes(name));
  return names.map((name) => {
    const single = SERIES_DETECTORS.find((d) => d.name === name);
    const d = single ?? MULTI_SERIES_DETECTORS.find((x) => x.name === name);
    const ml = name === 'iforest' || name === 'lof';
    return d
      ? { name, label: d.label, family: d.family, params: d.params.map((p) => ({ ...p })), multiSeries: !single, available: true, modes: modesOf(name) }
      : { name, label: FALLBACK_LABELS[name] ?? name, family: ml ? 'ml' : 'statistical', params: [], multiSeries: name === 'correlation', available: false, modes: modesOf(name) };
  });
}
