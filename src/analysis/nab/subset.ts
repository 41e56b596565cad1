// A subset of a NAB corpus named by a list (`faultline nab --files-from LIST`): one entry a line, a
// category (`realKnownCause`) or a file key (`realKnownCause/nyc_taxi.csv`); `#` starts a comment.

import type { Result } from '../../model/errors';

/** The entries of a list file: which categories and which single files it names. */
export interface NabSubset {
  categories: ReadonlySet<string>;
  keys: ReadonlySet<string>;
  /** Every entry as written, to report the ones that name nothing. */
  entries: readonly string[];
}

/** Reads a list's text; an error names the line of an entry that is neither a category nor a `<category>/<file>.csv` key. */
export function parseSubset(text: string, source: string): Result<NabSubset, string> {
  const categories = new Set<string>();
  const keys = new Set<string>();
  const entries: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const entry = lines[k].replace(/#.*$/, '').trim();
    if (!entry) continue;
    const parts = entry.split('/');
    if (parts.length > 2 || parts.some((p) => !p) || (parts.length === 2 && !parts[1].endsWith('.csv'))) {
      return { ok: false, error: `${source}:${k + 1}: expected a category or <category>/<file>.csv, got ${JSON.stringify(entry)}` };
    }
    (parts.length === 1 ? categories : keys).add(entry);
    entries.push(entry);
  }
  if (!entries.length) return { ok: false, error: `${source}: names no category or file` };
  return { ok: true, value: { categories, keys, entries } };
}

/** Whether the subset holds the file `<category>/<file>.csv`. */
export function inSubset(subset: NabSubset, key: string): boolean {
  return subset.keys.has(key) || subset.categories.has(key.slice(0, key.indexOf('/')));
}

/** Entries that match none of the corpus keys (a typo would otherwise score a smaller corpus silently). */
export function unmatchedEntries(subset: NabSubset, keys: readonly string[]): string[] {
  return subset.entries.filter((e) => !keys.some((key) => (e.includes('/') ? key === e : key.startsWith(`${e}/`))));
}
