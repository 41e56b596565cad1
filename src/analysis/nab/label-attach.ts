// Which datasets a NAB label file's keys name (by file name), and the windows one dataset gets from it,
// checked against its rows as NAB's scorer checks them.

import type { Result } from '../../model/errors';
import { keyBasename, type DatasetLabels, type NabLabelFile } from '../../model/labels';
import type { DatasetMeta } from '../../model/series';
import { windowsFromLabels } from './label-windows';
import { weighRows } from './rows';

export interface LabelMatch {
  datasetId: string;
  key: string;
}

/**
 * Pairs keys with stored metric datasets whose file name is the key's file name (a dataset imported
 * from a folder, "nab/data/spikes/one_spike.csv", also matches). Keys without a dataset are `unmatched`.
 */
export function matchLabelKeys(file: NabLabelFile, datasets: readonly DatasetMeta[]): { matches: LabelMatch[]; unmatched: string[] } {
  const matches: LabelMatch[] = [];
  const unmatched: string[] = [];
  const keys = file.entries.map((e) => e.key);
  for (const key of keys) {
    const name = keyBasename(key);
    // Two keys with one file name (two categories): a dataset whose path ends with the key takes that key.
    const rivals = keys.filter((k) => k !== key && keyBasename(k) === name);
    const found = datasets.filter((d) => {
      if (d.seriesCount === 0 || keyBasename(d.fileName) !== name) return false;
      return !rivals.some((r) => d.fileName.endsWith(r)) || d.fileName.endsWith(key);
    });
    if (found.length) for (const d of found) matches.push({ datasetId: d.id, key });
    else unmatched.push(key);
  }
  return { matches, unmatched };
}

/** The labels one dataset gets for `key`, over its rows `t`; an error when a window or label is no row's time. */
export function labelsForRows(file: NabLabelFile, key: string, t: Float64Array): Result<DatasetLabels, string> {
  let labels: number[] | undefined;
  let windows;
  if (file.kind === 'labels') {
    labels = file.entries.find((e) => e.key === key)?.labels ?? [];
    const derived = windowsFromLabels(t, labels, key);
    if (!derived.ok) return derived;
    windows = derived.value;
  } else {
    windows = file.entries.find((e) => e.key === key)?.windows ?? [];
  }
  const checked = weighRows(t, windows, key);
  if (!checked.ok) return checked;
  return { ok: true, value: { source: file.source, key, kind: file.kind, windows, ...(labels ? { labels } : {}) } };
}
