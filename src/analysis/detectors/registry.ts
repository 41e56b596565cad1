// Every detector Faultline offers, in the order the UI and the CLI list them. Each detector lives in
// its own file in this folder and adds itself to one of the two lists below.

import type { Detector, DetectorName, MultiSeriesDetector } from './types';
import { zscoreDetector } from './zscore';
import { likelihoodDetector } from './likelihood';
import { ewmaDetector } from './ewma';
import { iqrDetector } from './iqr';
import { madDetector } from './mad';
import { seasonalDetector } from './seasonal';
import { correlationDetector } from './correlation';
import { iforestDetector } from './iforest';
import { lofDetector } from './lof';

/** Detectors that score one series at a time. */
export const SERIES_DETECTORS: readonly Detector[] = [
  zscoreDetector,
  likelihoodDetector,
  ewmaDetector,
  madDetector,
  iqrDetector,
  seasonalDetector,
  iforestDetector,
  lofDetector,
];

/** Detectors that score all series of a dataset together. */
export const MULTI_SERIES_DETECTORS: readonly MultiSeriesDetector[] = [correlationDetector];

export function findDetector(name: DetectorName): Detector | MultiSeriesDetector | undefined {
  return SERIES_DETECTORS.find((d) => d.name === name) ?? MULTI_SERIES_DETECTORS.find((d) => d.name === name);
}
