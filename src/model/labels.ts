// NAB ground truth as Faultline keeps it: a label file's entries (combined_windows.json windows or
// combined_labels.json label times, per "<category>/<file>.csv" key) and the windows attached to a dataset.

/** One labelled anomaly window, ms since the epoch (UTC), inclusive at both ends. */
export interface LabelWindow {
  start: number;
  end: number;
}

/** A parsed NAB label file: windows per key (combined_windows.json) or label times per key (combined_labels.json). */
export type NabLabelFile =
  | { source: string; kind: 'windows'; entries: { key: string; windows: LabelWindow[] }[] }
  | { source: string; kind: 'labels'; entries: { key: string; labels: number[] }[] };

/** The labelled windows of one dataset, stored on its record. */
export interface DatasetLabels {
  /** Name of the label file they came from. */
  source: string;
  /** Its key, "<category>/<file>.csv". */
  key: string;
  /** 'labels': the windows were worked out from label times with NAB's labeller rule. */
  kind: 'windows' | 'labels';
  windows: LabelWindow[];
  /** combined_labels.json only: the label times themselves. */
  labels?: number[];
}

/** The file name a key names: "realKnownCause/nyc_taxi.csv" → "nyc_taxi.csv". */
export function keyBasename(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Only the entries of `file` whose keys are in `keys`. */
export function labelEntriesOf(file: NabLabelFile, keys: readonly string[]): NabLabelFile {
  return file.kind === 'windows'
    ? { ...file, entries: file.entries.filter((e) => keys.includes(e.key)) }
    : { ...file, entries: file.entries.filter((e) => keys.includes(e.key)) };
}
