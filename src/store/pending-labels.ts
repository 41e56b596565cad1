// NAB label entries that wait for their CSVs (pendingLabels, one record per label file): kept across
// reloads and tried again after every import until each has found its dataset.

import type { NabLabelFile } from '../model/labels';
import { db } from './db';

/** Keeps `file` as what still waits from its source (replacing what waited before); an empty file removes it. */
export async function setPendingLabels(file: NabLabelFile): Promise<void> {
  const d = await db();
  if (file.entries.length) await d.put('pendingLabels', file);
  else await d.delete('pendingLabels', file.source);
}

/** Every label file with entries still waiting. */
export async function listPendingLabels(): Promise<NabLabelFile[]> {
  return (await db()).getAll('pendingLabels');
}
