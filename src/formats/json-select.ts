// JSON values for telemetry readers: the value types, where a value was found, path selectors ($.a.*.b)
// applied to parsed documents, and errors / previews that name the byte offset or line.

import type { ImportError } from '../model/errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where an emitted value was found. */
export interface JsonAt {
  /** Keys and indices from the document root to the value, e.g. ["data", "result", 3]. */
  path: readonly (string | number)[];
  /** Index of the selector (in `paths`) that matched. */
  selector: number;
  /** 0-based index of the top-level document (JSON Lines / concatenated documents), 0 for one document */
  document: number;
  /** 1-based line of the document's start when the file is JSON Lines; undefined otherwise. */
  line?: number;
  /** Byte offset near the value: the line's start (JSON Lines) or the value's first byte (streamed); 0 when parsed whole. */
  offset: number;
}

/** Return an ImportError to stop reading and fail with it. */
export type JsonValueHandler = (value: JsonValue, at: JsonAt) => ImportError | void;

/** A 'corrupt' error naming the file, the line and / or byte offset, and what was expected there. */
export function corruptAt(file: string, expected: string, where: { line?: number; offset?: number }, detail?: string): ImportError {
  const at = [where.line !== undefined ? `line ${where.line}` : '', where.offset !== undefined ? `byte ${where.offset}` : ''].filter(Boolean).join(', ');
  const message = `${file}${at ? `, ${at}` : ''}: expected ${expected}${detail ? ` (${detail})` : ''}`;
  return { kind: 'corrupt', file, ...(where.line !== undefined ? { line: where.line } : {}), ...(where.offset !== undefined ? { offset: where.offset } : {}), expected, message };
}

/** A short rendering of a value for messages: depth and width capped (safe on 100 k nested arrays). */
export function previewJson(v: JsonValue | undefined, max = 80, depth = 0): string {
  if (v === undefined) return 'nothing';
  // JSON.parse reads 1e400 as Infinity (JSON.stringify would show null).
  if (typeof v === 'number' && !Number.isFinite(v)) return `a number out of the float64 range (${v < 0 ? 'below -' : 'beyond '}1.8e308)`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v).slice(0, max);
  let out: string;
  if (depth >= 3) out = Array.isArray(v) ? '[…]' : '{…}';
  else if (Array.isArray(v)) out = `[${v.slice(0, 4).map((x) => previewJson(x, max, depth + 1)).join(',')}${v.length > 4 ? ',…' : ''}]`;
  else {
    const keys = Object.keys(v);
    out = `{${keys.slice(0, 4).map((k) => `${JSON.stringify(k)}:${previewJson(v[k], max, depth + 1)}`).join(',')}${keys.length > 4 ? ',…' : ''}}`;
  }
  return out.length > max ? out.slice(0, max) + '…' : out;
}

export type Segment = string | number | '*';

/** Parses selectors like "$.data.result.*" into segments (numbers for array indices). */
export function compile(paths: string[]): Segment[][] {
  return paths.map((p) => {
    if (!p.startsWith('$')) throw new Error(`selector "${p}" must start with $`);
    return p === '$' ? [] : p.slice(2).split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  });
}

/** Calls `emit` for each value of `root` at a selector (document order per selector, selectors in order). */
export function selectValues(root: JsonValue, selectors: Segment[][], emit: (v: JsonValue, path: (string | number)[], selector: number) => ImportError | void): ImportError | void {
  for (let s = 0; s < selectors.length; s++) {
    const sel = selectors[s];
    // Breadth by selector depth; bounded by the selector's length, so no recursion over user depth.
    let level: { v: JsonValue; path: (string | number)[] }[] = [{ v: root, path: [] }];
    for (const seg of sel) {
      const next: typeof level = [];
      for (const { v, path } of level) {
        if (v === null || typeof v !== 'object') continue;
        if (Array.isArray(v)) {
          if (seg === '*') v.forEach((x, i) => next.push({ v: x, path: [...path, i] }));
          else if (typeof seg === 'number' && seg < v.length) next.push({ v: v[seg], path: [...path, seg] });
        } else if (seg === '*') {
          for (const k of Object.keys(v)) next.push({ v: v[k], path: [...path, k] });
        } else if (Object.prototype.hasOwnProperty.call(v, seg)) {
          next.push({ v: v[String(seg)], path: [...path, seg] });
        }
      }
      level = next;
    }
    for (const { v, path } of level) {
      const stop = emit(v, path, s);
      if (stop) return stop;
    }
  }
}

/** Values inside `value` (found at `at`) at selectors that reach into it (rare: a selected value holding selected values). */
export function selectInside(value: JsonValue, selectors: Segment[][], at: JsonAt, emit: JsonValueHandler): ImportError | void {
  const path = at.path;
  for (let s = 0; s < selectors.length; s++) {
    const sel = selectors[s];
    if (sel.length <= path.length || !sel.slice(0, path.length).every((x, k) => x === '*' || x === path[k])) continue;
    const stop = selectValues(value, [sel.slice(path.length)], (v, sub) => emit(v, { ...at, path: [...path, ...sub], selector: s }));
    if (stop) return stop;
  }
}

/** True when a selector is longer than `path` and starts with it (values inside `path` may be selected). */
export function extendsPath(selectors: Segment[][], path: (string | number)[]): boolean {
  outer: for (const sel of selectors) {
    if (sel.length <= path.length) continue;
    for (let i = 0; i < path.length; i++) if (sel[i] !== '*' && sel[i] !== path[i]) continue outer;
    return true;
  }
  return false;
}

/** Index of the first selector matching `path` exactly, or -1. */
export function matchSelector(selectors: Segment[][], path: (string | number)[]): number {
  outer: for (let s = 0; s < selectors.length; s++) {
    const sel = selectors[s];
    if (sel.length !== path.length) continue;
    for (let i = 0; i < sel.length; i++) if (sel[i] !== '*' && sel[i] !== path[i]) continue outer;
    return s;
  }
  return -1;
}
