// What the detector panel offers: every detector name in the registry's order, with its label, family
// and ParamSpecs when the registry has it (a name it lacks is shown as unavailable). Data, no logic.
import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from '../analysis/detectors/registry';
import { DETECTOR_NAMES } from '../analysis/detectors/run-types';
import type { DetectorFamily, DetectorName, ParamSpec } from '../analysis/detectors/types';

export interface DetectorInfo {
  name: DetectorName;
  label: string;
  family: DetectorFamily;
  params: readonly ParamSpec[];
  /** Scores all series together (correlation). */
  multiSeries: boolean;
  /** In the registry of this build. */
  available: boolean;
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

export function detectorCatalogue(): DetectorInfo[] {
  const registered = [...SERIES_DETECTORS, ...MULTI_SERIES_DETECTORS].map((d) => d.name);
  const names = [...DETECTOR_NAMES, ...registered.filter((n) => !DETECTOR_NAMES.includes(n))];
  return names.map((name) => {
    const single = SERIES_DETECTORS.find((d) => d.name === name);
    const multi = MULTI_SERIES_DETECTORS.find((d) => d.name === name);
    const d = single ?? multi;
    const ml = name === 'iforest' || name === 'lof';
    return d
      ? { name, label: d.label, family: d.family, params: d.params, multiSeries: !single, available: true }
      : { name, label: FALLBACK_LABELS[name] ?? name, family: ml ? 'ml' : 'statistical', params: [], multiSeries: name === 'correlation', available: false };
  });
}
