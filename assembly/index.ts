// Entry of the numeric kernels compiled to build/kernels.wasm (AssemblyScript, --runtime stub):
// pure functions over f64 columns in linear memory laid out by src/kernels/ (hand-written for speed).
// Each kernel family is one file here and adds its export line below.
export { heapBase } from './scratch';
export { rollingMeanStd, rollingMeanStdCarry, rollingZScore, allFinite } from './rolling';
export { adaptiveZScore } from './adaptive-z';
export { downsampleMinMax } from './downsample';
export { autocorrelation } from './acf';
export { seasonalScore } from './seasonal';
export { rollingPearson } from './pearson';
export { pairDeviation, pairDeviationTwo, pairDeviationTwoFirstEvents } from './pair-deviation';
export { finiteRows, iforestFit, iforestScore } from './iforest';
export { lofWorkBytes, lofFit, lofQuery } from './lof';
export { ewmaBegin, ewmaScalar } from './ewma';
export { ewmaLanesJoin, ewmaLanesStep } from './ewma-lanes';
export { rollingMad, trailingMedianMad } from './order-stat';
export { rollingIqr, rollingIqrScratchBytes } from './rolling-iqr';
export { exactQuantiles, quantileWorkSlots } from './select';
export { percentileBuckets } from './percentile';
export { sketchInsert, sketchMerge } from './sketch';
export { likelihoodScore, likelihoodResize } from './likelihood';
