// The storage budget of an import, checked before parsing: a pure function of the file size and the
// origin's storage estimate, so "too large" is refused up front with sizes and a next step.
import type { ImportError } from '../model/errors';
import type { StorageUse } from './datasets';

/**
 * Bytes an import of `fileBytes` of text is expected to need in IndexedDB at most: twice the file.
 * Stored points are 16 bytes (t and v as float64); a text row spends more than 8 bytes per value
 * for timestamps and values in every format read (CSV, Prometheus, JSON), so 2x is a generous
 * bound for real exports. Pathological files (e.g. one-digit values in very wide CSVs) can need
 * more; the store rolls those back on QuotaExceededError. Plus 1 MiB for records and indexes.
 */
export function estimateStoredBytes(fileBytes: number): number {
  return 2 * Math.max(0, fileBytes) + 1024 * 1024;
}

/** Free bytes by the estimate; undefined when the browser does not tell. */
export function freeBytes(estimate: StorageUse | undefined): number | undefined {
  if (!estimate || !Number.isFinite(estimate.quota) || !Number.isFinite(estimate.usage)) return undefined;
  return Math.max(0, estimate.quota - estimate.usage);
}

/** A 'too-large' error when the import cannot fit in the free storage; undefined when it can (or when unknown). */
export function checkStorageBudget(file: string, fileBytes: number, estimate: StorageUse | undefined): ImportError | undefined {
  const available = freeBytes(estimate);
  const needed = estimateStoredBytes(fileBytes);
  if (available === undefined || needed <= available) return undefined;
  return {
    kind: 'too-large',
    file,
    neededBytes: needed,
    availableBytes: available,
    message: `${file} is too large: needs ${mb(needed)}, ${mb(available)} free in this browser's storage.`,
  };
}

/** Sizes in the message: MB with one decimal below 10 MB (the UI's own formatter is not reachable from store). */
function mb(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  const m = n / 1e6;
  return `${m < 10 ? m.toFixed(1) : Math.round(m)} MB`;
}
