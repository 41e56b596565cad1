// Faultline as a library, for Node and the browser: the request monitor, detection runs and their
// types. Kernels come from src/kernels/node.ts (Node: loadKernelsNode) or compileKernels + instantiateKernels.

export { createMonitor, type ComponentHealth, type Monitor, type MonitorHealth, type MonitorOptions } from './analysis/monitor';
export { runDetection, type DetectionOutcome, type RunOptions } from './analysis/detectors/run';
export { DetectorRunCache } from './analysis/detectors/run-cache';
export { findDetector, MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from './analysis/detectors/registry';
export * from './analysis/detectors/run-types';
export type { Detector, DetectorName, DetectorParams, DetectorResult, MultiSeriesDetector, ParamSpec } from './analysis/detectors/types';
export { compileKernels } from './kernels/browser';
export { instantiateKernels, instantiateKernelsAsync } from './kernels/instantiate';
export type { Kernels } from './kernels/types';
export type { Series } from './model/series';
