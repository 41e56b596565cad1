// The health of a dataset after a detection run: the overall 0–100 score with what lowered it, and a
// card per component (service or series group) with its score, series and explanations.
import type { HealthReport } from '../analysis/detectors/run-types';
import { h } from './dom';

/** A score's band for colour: ok ≥ 90, warn ≥ 60, bad below. */
export function healthBand(score: number): 'ok' | 'warn' | 'bad' {
  return score >= 90 ? 'ok' : score >= 60 ? 'warn' : 'bad';
}

function meter(score: number, label: string): HTMLElement {
  const fill = h('div', { class: `meter-fill health-${healthBand(score)}` });
  fill.style.width = `${Math.max(0, Math.min(100, score))}%`;
  return h('div', { class: 'meter', attrs: { role: 'meter', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(score) } }, fill);
}

function reasons(list: readonly string[], none: string): HTMLElement {
  return list.length ? h('ul', { class: 'reasons' }, ...list.map((r) => h('li', null, r))) : h('p', { class: 'muted reasons' }, none);
}

export function healthView(report: HealthReport | undefined, seriesNames: readonly string[]): HTMLElement {
  if (!report) return h('p', { class: 'empty-note muted' }, 'Run detection to score the health of this dataset.');
  const overall = Math.round(report.overall);
  return h(
    'div',
    { class: 'health' },
    h(
      'div',
      { class: 'health-overall' },
      h('span', { class: `health-score health-${healthBand(overall)}`, attrs: { 'data-testid': 'health-overall' } }, String(overall)),
      h('div', { class: 'health-overall-text' }, h('strong', null, 'Overall health (0–100)'), meter(overall, 'Overall health'), reasons(report.reasons, 'Nothing lowered it.')),
    ),
    h(
      'ul',
      { class: 'health-components', attrs: { 'aria-label': 'Health per component' } },
      ...report.components.map((c) =>
        h(
          'li',
          { class: 'health-component' },
          h('div', { class: 'health-head' },
            h('strong', { class: 'health-name' }, c.name),
            h('span', { class: `health-value health-${healthBand(c.score)}` }, String(Math.round(c.score)))),
          meter(c.score, `Health of ${c.name}`),
          c.series.length > 1 || (c.series.length === 1 && seriesNames[c.series[0]] !== c.name)
            ? h('p', { class: 'muted health-series' }, c.series.map((i) => seriesNames[i] ?? `#${i}`).join(', '))
            : null,
          reasons(c.reasons, 'No deductions.'),
        ),
      ),
    ),
  );
}
