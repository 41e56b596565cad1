// Hash routes: "#/" (home), "#/datasets" (the dataset manager) and "#/dataset/<id>/<view>?<params>", parsed into a typed
// Route and formatted back, so every view and selection can be linked and restored.
import { settleRoute } from './idle';

export type DatasetView = 'overview' | 'metrics' | 'anomalies' | 'percentiles' | 'slos' | 'traces' | 'chaos';
export const DATASET_VIEWS: readonly DatasetView[] = ['overview', 'metrics', 'anomalies', 'percentiles', 'slos', 'traces', 'chaos'];

export type Route =
  | { kind: 'home' }
  | { kind: 'datasets' }
  | { kind: 'dataset'; id: string; view: DatasetView; params: URLSearchParams }
  /** A share link: a replay session (base64url of its gzip) in the fragment, never sent to a server. */
  | { kind: 'session'; payload: string };

export const DATASETS_HREF = '#/datasets';

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'dataset' && parts[1]) {
    const view = (DATASET_VIEWS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as DatasetView) : 'metrics';
    return { kind: 'dataset', id: parts[1], view, params: new URLSearchParams(query) };
  }
  if (parts[0] === 'datasets') return { kind: 'datasets' };
  if (parts[0] === 'session' && parts[1]) return { kind: 'session', payload: parts[1] };
  return { kind: 'home' };
}

export function formatRoute(r: Route): string {
  if (r.kind === 'home') return '#/';
  if (r.kind === 'datasets') return DATASETS_HREF;
  if (r.kind === 'session') return `#/session/${r.payload}`;
  const q = r.params.toString();
  return `#/dataset/${encodeURIComponent(r.id)}/${r.view}${q ? '?' + q : ''}`;
}

export function datasetHref(id: string, view: DatasetView, params: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) p.set(k, String(v));
  return formatRoute({ kind: 'dataset', id, view, params: p });
}

export function navigate(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
}

/** Updates the current URL's parameters without a navigation (zoom, detector settings). */
export function replaceParams(update: Record<string, string | number | undefined>): void {
  const r = parseRoute(location.hash);
  if (r.kind !== 'dataset') return;
  for (const [k, v] of Object.entries(update)) {
    if (v === undefined) r.params.delete(k);
    else r.params.set(k, String(v));
  }
  history.replaceState(history.state, '', formatRoute(r));
  settleRoute();
}

/** A finite number parameter, or the fallback. */
export function numParam(params: URLSearchParams, name: string, fallback: number): number {
  const s = params.get(name);
  if (s === null || s.trim() === '') return fallback;
  const x = Number(s);
  return Number.isFinite(x) ? x : fallback;
}
