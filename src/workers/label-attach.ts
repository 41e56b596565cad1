// The import worker's NAB label steps: read a dropped file as a label file when its content is one, and
// attach its windows to the stored datasets its keys name (store/labels.ts), checked against their rows;
// keys without a dataset wait in the store (store/pending-labels.ts) and are tried again after imports.

import { matchLabelKeys, labelsForRows } from '../analysis/nab/label-attach';
import { looksLikeNabLabels, MAX_LABEL_FILE_BYTES, parseNabLabels } from '../formats/nab-labels';
import { labelEntriesOf, type NabLabelFile } from '../model/labels';
import { listDatasets, readSeries } from '../store/datasets';
import { setDatasetLabels } from '../store/labels';
import { listPendingLabels, setPendingLabels } from '../store/pending-labels';
import type { LabelAttachReport, LabelFileRead } from './api';

const SNIFF = 4096;

/** Reads `file` as a NAB label file if its first bytes look like one; telemetry answers 'not-labels'. */
export async function readLabelFile(file: File): Promise<LabelFileRead> {
  const head = await file.slice(0, SNIFF).text();
  if (!looksLikeNabLabels(head)) return { kind: 'not-labels' };
  if (file.size > MAX_LABEL_FILE_BYTES) {
    return { kind: 'malformed', file: file.name, message: `${file.name}: ${file.size} bytes is too large for a NAB label file (at most ${MAX_LABEL_FILE_BYTES}).` };
  }
  const parsed = parseNabLabels(file.name, await file.text());
  return parsed.ok ? { kind: 'labels', labels: parsed.value } : { kind: 'malformed', file: file.name, message: parsed.error };
}

/** Attaches the windows of every key that names a stored dataset; the others are reported unmatched. */
export async function attachLabels(labels: NabLabelFile): Promise<LabelAttachReport> {
  const datasets = await listDatasets();
  const { matches, unmatched } = matchLabelKeys(labels, datasets);
  const report: LabelAttachReport = { source: labels.source, kind: labels.kind, attached: [], unmatched, problems: [] };
  for (const { datasetId, key } of matches) {
    const meta = datasets.find((d) => d.id === datasetId);
    if (!meta) continue;
    // NAB files have one value column; its timestamps are the file's rows.
    const { t } = await readSeries(datasetId, 0);
    const built = labelsForRows(labels, key, t);
    if (!built.ok) {
      report.problems.push(`${meta.name}: ${built.error}`);
      continue;
    }
    const stored = await setDatasetLabels(datasetId, built.value);
    if (stored) report.attached.push({ key, meta: stored, windows: built.value.windows.length });
  }
  await setPendingLabels(labelEntriesOf(labels, unmatched));
  return report;
}

/** attachLabels for every label file with waiting entries, except those from `skipSources`. */
export async function attachPendingLabels(skipSources: readonly string[]): Promise<LabelAttachReport[]> {
  const reports: LabelAttachReport[] = [];
  for (const file of await listPendingLabels()) if (!skipSources.includes(file.source)) reports.push(await attachLabels(file));
  return reports;
}
