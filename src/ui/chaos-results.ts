// The chaos lab's results: the scorecard (per fault: detected, time to detect, detectors, SLO alerts;
// false alarms; policy effects; error budget burned), breaker timelines, the SHA-256, and replayed vs
// recorded charts per service.

import type { BreakerTransition, ChaosRunResult, ChaosSeriesView } from '../workers/api-chaos';
import { h } from './dom';
import { lineChart, type ChartBand, type LineChart } from './chaos-chart';
import { FAULT_LABELS } from './chaos-format';
import { formatCount, formatDuration, formatTime } from './format';
import type { FaultKind } from '../workers/api-chaos';

export interface ResultsView {
  element: HTMLElement;
  destroy(): void;
}

const pct = (x: number): string => `${x >= 10 || x === 0 ? x.toFixed(0) : x.toFixed(1)} %`;

function table(caption: string, head: string[], rows: (string | HTMLElement)[][], cls: string): HTMLTableElement {
  return h('table', { class: `data-table ${cls}` }, h('caption', null, caption),
    h('thead', null, h('tr', null, ...head.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows.map((r) => h('tr', null, h('th', { attrs: { scope: 'row' } }, r[0]), ...r.slice(1).map((c) => h('td', null, c))))));
}

const STATES = ['CLOSED', 'HALF_OPEN', 'OPEN'] as const;

/** One breaker's state over the replay: three lanes (CLOSED / HALF_OPEN / OPEN) of segments, plus its transitions as a table. */
function breakerTimeline(edge: string, timeline: readonly BreakerTransition[], start: number, end: number): HTMLElement {
  const span = Math.max(1, end - start);
  const segs: { state: string; from: number; to: number }[] = [];
  let state = 'CLOSED';
  let from = start;
  for (const tr of timeline) {
    segs.push({ state, from, to: tr.atMs });
    state = tr.to;
    from = tr.atMs;
  }
  segs.push({ state, from, to: end });
  const lanes = STATES.map((s) => h('div', { class: 'chaos-breaker-lane' }, h('span', { class: 'chaos-lane-label' }, s.replace('_', '-')),
    h('div', { class: 'chaos-lane-track' }, ...segs.filter((g) => g.state === s && g.to > g.from).map((g) => {
      const seg = h('span', { class: `chaos-breaker-seg state-${s.toLowerCase()}`, attrs: { title: `${s} ${formatTime(g.from)} – ${formatTime(g.to)}` } });
      seg.style.left = `${(100 * (g.from - start)) / span}%`;
      seg.style.width = `${Math.max(0.2, (100 * (g.to - g.from)) / span)}%`;
      return seg;
    }))));
  const [caller, callee] = edge.split('>');
  const rows = timeline.slice(0, 200).map((t) => [formatTime(t.atMs), `${t.from} → ${t.to}`, t.failureRate >= 0 ? pct(t.failureRate) : '—', t.slowCallRate >= 0 ? pct(t.slowCallRate) : '—']);
  const details = h('details', { class: 'table-view' }, h('summary', null, `Transitions (${timeline.length})`),
    table(`Breaker ${caller} → ${callee}: transitions`, ['Time (UTC)', 'Transition', 'Failure rate', 'Slow-call rate'], rows, 'chaos-breaker-table'));
  return h('div', { class: 'chaos-breaker', attrs: { role: 'group', 'aria-label': `Breaker ${caller} → ${callee}` } }, h('h4', null, `Breaker ${caller} → ${callee}`), ...lanes, details);
}

function scorecardTable(run: ChaosRunResult): HTMLElement {
  const rows = run.scorecard.faults.map((f, i) => [
    `${i + 1}. ${FAULT_LABELS[f.kind as FaultKind] ?? f.kind}`, f.targets.join(', '), `${formatTime(f.start)} – ${formatTime(f.end)}`,
    h('span', { class: f.detected ? 'chaos-yes' : 'chaos-no' }, f.detected ? 'detected' : 'missed'),
    f.timeToDetectMs === null ? '—' : formatDuration(f.timeToDetectMs),
    f.detectedBy.join(', ') || '—', f.sloAlertsDuring.join(', ') || '—',
  ]);
  return table('Scorecard: per fault', ['Fault', 'Targets', 'Window (UTC)', 'Detected', 'Time to detect', 'Detected by', 'SLO alerts during'], rows, 'chaos-scorecard');
}

/** The time range around every fault window (three times their extent, at least 10 minutes each side), within the replay. */
function aroundFaults(bands: readonly ChartBand[], start: number, end: number): { start: number; end: number } | undefined {
  if (!bands.length) return undefined;
  const lo = Math.min(...bands.map((b) => b.start));
  const hi = Math.max(...bands.map((b) => b.end));
  const pad = Math.max(hi - lo, 600_000);
  const range = { start: Math.max(start, lo - pad), end: Math.min(end, hi + pad) };
  return range.end - range.start < 0.8 * (end - start) ? range : undefined;
}

function chartsByService(charts: readonly ChaosSeriesView[], bands: () => ChartBand[], replay: { start: number; end: number }, firstTarget?: string): { element: HTMLElement; destroy(): void } {
  const services = [...new Set(charts.map((c) => c.service))];
  const host = h('div', { class: 'chaos-service-charts' });
  let live: LineChart[] = [];
  const pick = h('select', { attrs: { 'aria-label': 'Service' } }, ...services.map((s) => h('option', { attrs: { value: s } }, s)));
  if (firstTarget && services.includes(firstTarget)) pick.value = firstTarget;
  const focus = aroundFaults(bands(), replay.start, replay.end);
  const zoom = h('select', { attrs: { 'aria-label': 'Time range' } }, h('option', { attrs: { value: 'faults' } }, 'around the faults'), h('option', { attrs: { value: 'all' } }, 'the whole replay'));
  if (!focus) zoom.value = 'all';
  zoom.disabled = !focus;
  const show = (): void => {
    for (const c of live) c.destroy();
    const mine = charts.filter((c) => c.service === pick.value).slice(0, 8);
    const range = zoom.value === 'faults' && focus ? focus : replay;
    live = mine.map((c) => lineChart({
      title: c.name, unit: c.unit, t: c.t, bands, height: 130, sync: 'chaos-results', range,
      lines: [{ label: 'recorded', v: c.recorded, colour: (p) => p.axis, dash: [4, 3] }, { label: 'replayed', v: c.replayed, colour: (p) => p.line }],
    }));
    host.replaceChildren(...live.map((c) => c.element));
  };
  pick.addEventListener('change', show);
  zoom.addEventListener('change', show);
  const element = h('section', { class: 'chaos-results-charts' },
    h('div', { class: 'chaos-panel-head' }, h('h3', null, 'Replayed vs recorded'),
      h('div', { class: 'chaos-form-row' }, h('label', { class: 'field' }, h('span', null, 'Service'), pick), h('label', { class: 'field' }, h('span', null, 'Show'), zoom))), host);
  queueMicrotask(show);
  return { element, destroy: () => live.forEach((c) => c.destroy()) };
}

export function resultsView(run: ChaosRunResult, actions: { saveReplay(): void }): ResultsView {
  const sc = run.scorecard;
  const s = run.summary;
  const detected = sc.faults.filter((f) => f.detected).length;
  const bands = (): ChartBand[] => sc.faults.map((f) => ({ start: f.start, end: f.end, strong: false }));
  const charts = chartsByService(run.charts, bands, { start: run.model.startMs, end: run.model.endMs }, sc.faults[0]?.targets[0]);
  const policyList = sc.policies.length
    ? h('ul', { class: 'chaos-policy-effects' }, ...sc.policies.map((p) => h('li', null, p.text)))
    : h('p', { class: 'muted' }, run.model.kind === 'series' ? 'No policies: a metrics-only dataset has no call graph.' : 'No edge had errors, and no policy was set.');
  const slo = sc.slo?.length
    ? table('SLOs over the replay', ['SLO', 'Alerts', 'Error budget burned'], sc.slo.map((x) => [x.slo, String(x.alerts.length), pct(x.budgetBurnedPct)]), 'chaos-slo-table')
    : h('p', { class: 'muted' }, 'No SLOs in the scenario: define them in the SLOs view of this dataset to see alerts and budget burned here.');
  const save = h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => actions.saveReplay() } }, 'Save replay as dataset');
  const element = h('section', { class: 'chaos-results', attrs: { 'aria-label': 'Replay results' } },
    h('div', { class: 'chaos-panel-head' }, h('h2', null, 'Results'), save),
    h('p', { class: 'chaos-summary' },
      `${detected} of ${sc.faults.length} faults detected · ${sc.falseAlarms} false alarm${sc.falseAlarms === 1 ? '' : 's'} · ${formatCount(s.requests)} requests · ${formatCount(s.simulatedCalls)} simulated ${run.model.kind === 'series' ? 'points' : 'calls'} · ${formatDuration(s.elapsedMs)}`),
    h('p', { class: 'chaos-sha' }, h('span', { class: 'muted' }, 'SHA-256 of the replayed results '), h('code', { class: 'chaos-sha-value', attrs: { 'data-testid': 'chaos-sha' } }, s.sha256)),
    scorecardTable(run),
    h('h3', null, 'Policy effects (errors seen by the caller, without → with policies)'), policyList,
    slo,
    sc.breakers.length ? h('section', { class: 'chaos-breakers' }, h('h3', null, 'Circuit breakers'), ...sc.breakers.map((b) => breakerTimeline(b.edge, b.timeline, run.model.startMs, run.model.endMs))) : null,
    charts.element,
    sc.notes.length ? h('details', { class: 'chaos-notes' }, h('summary', null, 'Notes'), h('ul', null, ...sc.notes.map((n) => h('li', null, n)))) : null,
  );
  return { element, destroy: () => charts.destroy() };
}
