// The detector list the analysis worker hands the UI: every registered detector, available, with its
// registry label and ParamSpecs, as plain data that survives structured cloning unchanged.
import { describe, expect, it } from 'vitest';
import { describeDetectors } from '../../src/analysis/detectors/detector-info';
import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from '../../src/analysis/detectors/registry';
import { DETECTOR_NAMES } from '../../src/analysis/detectors/run-types';

describe('describeDetectors', () => {
  it('lists every name in order, the registered ones available with their label, family and params', () => {
    const info = describeDetectors();
    expect(info.slice(0, DETECTOR_NAMES.length).map((d) => d.name)).toEqual([...DETECTOR_NAMES]);
    for (const d of [...SERIES_DETECTORS, ...MULTI_SERIES_DETECTORS]) {
      const got = info.find((x) => x.name === d.name);
      expect(got, d.name).toMatchObject({ label: d.label, family: d.family, params: d.params, available: true });
    }
    expect(info.find((d) => d.name === 'correlation')?.multiSeries).toBe(MULTI_SERIES_DETECTORS.some((d) => d.name === 'correlation'));
    expect(info.find((d) => d.name === 'zscore')?.multiSeries).toBe(false);
  });

  it('is plain data: a structured clone equals it', () => {
    const info = describeDetectors();
    expect(structuredClone(info)).toEqual(info);
    expect(info.every((d) => d.params.every((p) => Object.values(p).every((v) => typeof v !== 'function')))).toBe(true);
  });
});
