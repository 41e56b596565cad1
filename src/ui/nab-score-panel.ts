// The NAB score card of a labelled dataset in the Anomalies view: per profile, the normalised score of
// the run's combined score at the flag threshold 0.5 and at this file's best threshold (optimistic).
import type { DetectionConfig } from '../analysis/detectors/run-types';
import type { DatasetLabels } from '../model/labels';
import type { DatasetMeta } from '../model/series';
import type { NabFileProfileScore, NabFileReport } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { formatCount } from './format';
import { busy } from './idle';

const PROFILE_NAMES: Record<NabFileProfileScore['profile'], string> = {
  standard: 'standard',
  reward_low_FP_rate: 'reward low FP rate',
  reward_low_FN_rate: 'reward low FN rate',
};

const score = (p: NabFileProfileScore): string => (p.normalised === null ? `S = ${p.score.toFixed(3)}` : p.normalised.toFixed(1));
const threshold = (x: number): string => (x > 1 ? '1.1 (nothing flagged)' : String(Number(x.toPrecision(4))));

/** Before a run, after one (a report), or an error; `series` names the series scored. */
export function nabScorePanel(labels: DatasetLabels, series: string, state: { report?: NabFileReport; error?: string; running?: boolean }): HTMLElement {
  const n = labels.windows.length;
  const about = `${labels.key} from ${labels.source}: ${n} labelled ${n === 1 ? 'window' : 'windows'}${labels.kind === 'labels' ? ' (worked out from its label times by NAB’s labeller rule)' : ''}.`;
  const body: (HTMLElement | string)[] = [h('p', { class: 'muted' }, about)];
  if (state.error) body.push(h('p', { class: 'inline-error', attrs: { role: 'alert' } }, `No NAB score for ${series}: ${state.error}`));
  else if (state.running) body.push(h('p', { class: 'muted', attrs: { role: 'status' } }, 'Scoring…'));
  else if (!state.report) body.push(h('p', { class: 'empty-note muted' }, 'Run detection (press r) to score this configuration against the labelled windows.'));
  else body.push(...reportBody(state.report, series));
  return h('div', { class: 'nab-score', attrs: { 'data-testid': 'nab-score' } }, ...body);
}

function reportBody(r: NabFileReport, series: string): HTMLElement[] {
  const rows = r.atFlag.map((p, i) => {
    const best = r.best[i];
    return h('tr', { attrs: { 'data-profile': p.profile } },
      h('th', { attrs: { scope: 'row' } }, PROFILE_NAMES[p.profile]),
      h('td', { class: 'num nab-flag-score' }, score(p)),
      h('td', { class: 'num' }, formatCount(p.tp)),
      h('td', { class: 'num' }, formatCount(p.fp)),
      h('td', { class: 'num' }, formatCount(p.fn)),
      h('td', { class: 'num' }, `${p.detectedWindows} of ${r.windows}`),
      h('td', { class: 'num nab-best-score' }, score(best)),
      h('td', { class: 'num' }, threshold(best.threshold)));
  });
  const table = h('table', { class: 'data-table nab-table' },
    h('caption', null, `NAB score of the combined score of ${series}, normalised for this file (0: the null detector, 100: every window caught at its first row)`),
    h('thead', null, h('tr', null, ...['Profile', 'Score at 0.5', 'TP rows', 'FP rows', 'FN rows', 'Windows caught', 'Best for this file (optimistic)', 'at threshold'].map((c, i) =>
      h('th', { class: i > 0 ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows));
  const notes = [
    `Detections are rows whose combined score is at least the threshold; NAB counts them per row after its probationary period (the first ${formatCount(r.probation)} of ${formatCount(r.rows)} rows), rewards only the earliest detection in each window and charges every false positive.`,
    'The best threshold is chosen on this file’s own labels, so that column is optimistic: NAB picks one threshold per detector for a whole corpus (faultline nab).',
  ];
  if (!r.windows) notes.unshift('This file has no labelled window, so the normalised score is undefined; the raw score S (false-positive costs) is shown.');
  return [h('div', { class: 'table-scroll' }, table), h('ul', { class: 'run-notes muted' }, ...notes.map((x) => h('li', null, x)))];
}

export interface NabScoreCard {
  element: HTMLElement;
  /** Scores a configuration that has run on a series (again when the series changes). */
  score(config: DetectionConfig, seriesIndex: number): void;
}

/** The card with its worker call: the latest request wins; the app is busy while scoring. */
export function nabScoreCard(workers: Workers, meta: DatasetMeta, labels: DatasetLabels, seriesIndex: number): NabScoreCard {
  const element = h('div', null, nabScorePanel(labels, meta.series[seriesIndex]?.name ?? '', {}));
  let seq = 0;
  return {
    element,
    score(config, index) {
      const my = ++seq;
      const name = meta.series[index]?.name ?? `series ${index}`;
      replace(element, nabScorePanel(labels, name, { running: true }));
      const windows = labels.windows.map((w) => ({ start: w.start, end: w.end }));
      const end = busy();
      workers.analysis.nabScore({ datasetId: meta.id, seriesIndex: index, config, key: labels.key, windows })
        .then(
          (r) => my === seq && replace(element, nabScorePanel(labels, name, r.ok ? { report: r.value } : { error: r.error })),
          (e: unknown) => my === seq && replace(element, nabScorePanel(labels, name, { error: e instanceof Error ? e.message : String(e) })),
        )
        .finally(end);
    },
  };
}
