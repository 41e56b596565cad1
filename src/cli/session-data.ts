// The telemetry files a CLI session command reads (`scenario new --dataset`, `replay --data`): parsed with the
// same readers as the app, several files as one dataset (series in file order, traces merged), named like the app names it.

import { basename } from 'node:path';
import { mergeTraceSets } from '../analysis/traces/merge';
import type { ScenarioData } from '../chaos/scenario-run';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { readTelemetryFile } from './io';

/** Repeatable flags and their values: `--flag A B --flag C` → [A, B, C] (positionals after a list flag belong to it). */
export function takeListFlags(argv: string[], lists: string[], aliases: Record<string, string> = {}): { rest: string[]; lists: Map<string, string[]> } {
  const out = new Map<string, string[]>(lists.map((l) => [l, []]));
  const rest: string[] = [];
  let current: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = aliases[argv[i]] ?? argv[i];
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : undefined;
    if (name !== undefined && lists.includes(name)) {
      current = name;
      const eq = arg.indexOf('=');
      if (eq >= 0) out.get(name)!.push(arg.slice(eq + 1));
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') current = undefined;
    if (current && !arg.startsWith('-')) out.get(current)!.push(arg);
    else rest.push(arg);
  }
  return { rest, lists: out };
}

/** The files as one dataset, or a message naming the file that failed. */
export async function readDataFiles(paths: string[]): Promise<ScenarioData | string> {
  const series: Series[] = [];
  const sets: TraceSet[] = [];
  for (const path of paths) {
    const r = await readTelemetryFile(path);
    if (!r.ok) return r.error.message;
    series.push(...r.value.series);
    if (r.value.traces && r.value.traces.spanCount > 0) sets.push(r.value.traces);
  }
  const traces = sets.length > 1 ? mergeTraceSets(sets) : sets[0];
  return { series, ...(traces ? { traces } : {}), datasetName: paths.map((p) => basename(p)).join(' + ') };
}
