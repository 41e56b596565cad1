// NAB label files, told by content: a JSON object mapping "<category>/<file>.csv" to [start, end] pairs
// (combined_windows.json) or to label times (combined_labels.json). Not telemetry, so not in the registry.

import type { Result } from '../model/errors';
import type { LabelWindow, NabLabelFile } from '../model/labels';
import { parseDateTime } from './csv-time';

/** Label files are small (NAB's whole corpus: about 20 kB); anything bigger is refused. */
export const MAX_LABEL_FILE_BYTES = 16 * 1024 * 1024;

const HEAD = /^\uFEFF?\s*\{\s*"[^"\\]*\.csv"\s*:\s*\[/i;

/** True when the head of a file starts like a NAB label file: `{ "<something>.csv": [`. */
export function looksLikeNabLabels(head: string): boolean {
  return HEAD.test(head);
}

const encoder = new TextEncoder();

/** ms of a timestamp read exactly as the CSV importer reads a NAB row's timestamp; NaN when it is none. */
function stamp(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const bytes = encoder.encode(text.trim());
  return parseDateTime(bytes, 0, bytes.length);
}

const WINDOW_SHAPE = '["YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM:SS"] with start <= end';

/** Parses a label file's text; an error names the file, the key and what was expected. */
export function parseNabLabels(source: string, text: string): Result<NabLabelFile, string> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, error: `${source}: not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: `${source}: expected an object mapping "<category>/<file>.csv" to windows or label times.` };
  }
  const list = Object.entries(json);
  if (!list.length) return { ok: false, error: `${source}: the object is empty: no "<category>/<file>.csv" keys.` };
  for (const [key, value] of list) {
    if (!/\.csv$/i.test(key)) return { ok: false, error: `${source}: key "${key}" is not a "<category>/<file>.csv" path.` };
    if (!Array.isArray(value)) return { ok: false, error: `${source}: "${key}" should be a list (of [start, end] pairs or of label times).` };
  }
  const first = list.find(([, v]) => (v as unknown[]).length > 0)?.[1] as unknown[] | undefined;
  return first && typeof first[0] === 'string' ? labelsOf(source, list) : windowsOf(source, list);
}

function windowsOf(source: string, list: [string, unknown][]): Result<NabLabelFile, string> {
  const entries: { key: string; windows: LabelWindow[] }[] = [];
  for (const [key, value] of list) {
    const windows: LabelWindow[] = [];
    for (const [k, pair] of (value as unknown[]).entries()) {
      const ok = Array.isArray(pair) && pair.length === 2;
      const start = ok ? stamp(pair[0]) : NaN;
      const end = ok ? stamp(pair[1]) : NaN;
      if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
        return { ok: false, error: `${source}: "${key}" window ${k + 1} should be ${WINDOW_SHAPE} (a file mixing windows and label times is not read).` };
      }
      const prev = windows[windows.length - 1];
      if (prev && start <= prev.end) return { ok: false, error: `${source}: "${key}" window ${k + 1} starts before window ${k} ends (windows must be in time order, apart).` };
      windows.push({ start, end });
    }
    entries.push({ key, windows });
  }
  return { ok: true, value: { source, kind: 'windows', entries } };
}

function labelsOf(source: string, list: [string, unknown][]): Result<NabLabelFile, string> {
  const entries: { key: string; labels: number[] }[] = [];
  for (const [key, value] of list) {
    const labels: number[] = [];
    for (const [k, text] of (value as unknown[]).entries()) {
      const t = stamp(text);
      if (Number.isNaN(t)) return { ok: false, error: `${source}: "${key}" label ${k + 1} should be a "YYYY-MM-DD HH:MM:SS" time (a file mixing label times and windows is not read).` };
      labels.push(t);
    }
    entries.push({ key, labels: labels.sort((a, b) => a - b) });
  }
  return { ok: true, value: { source, kind: 'labels', entries } };
}
