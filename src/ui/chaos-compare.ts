// "Compare two runs": two of the dataset's last runs side by side (seed, SHA-256, per fault detected and
// time to detect, false alarms, policy effects, error budget burned), differences marked.

import type { ChaosRunSummary } from '../workers/api-chaos';
import { h } from './dom';
import { FAULT_LABELS } from './chaos-format';
import { formatDuration, formatTime } from './format';
import type { FaultKind } from '../workers/api-chaos';

const label = (r: ChaosRunSummary): string => `${formatTime(r.at)} · seed ${r.seed} · ${r.sha256.slice(0, 8)}`;

function rowsOf(r: ChaosRunSummary): Map<string, string> {
  const m = new Map<string, string>();
  m.set('Scenario', r.scenarioName);
  m.set('Seed', String(r.seed));
  m.set('SHA-256', r.sha256);
  m.set('Faults detected', `${r.faults.filter((f) => f.detected).length} of ${r.faults.length}`);
  r.faults.forEach((f, i) => m.set(`Fault ${i + 1}: ${FAULT_LABELS[f.kind as FaultKind] ?? f.kind} on ${f.targets.join(', ')}`,
    f.detected ? `detected in ${formatDuration(f.timeToDetectMs ?? 0)} by ${f.detectedBy.join(', ')}` : 'missed'));
  m.set('False alarms', String(r.falseAlarms));
  for (const p of r.policies) m.set(`Policy ${p.edge.replace('>', ' → ')}`, p.text.split(': ').slice(1).join(': '));
  for (const s of r.slo) m.set(`SLO ${s.slo}: budget burned`, `${s.budgetBurnedPct.toFixed(1)} % (${s.alerts} alerts)`);
  return m;
}

export function compareRuns(runs: readonly ChaosRunSummary[]): HTMLElement {
  if (runs.length < 2) return h('section', { class: 'chaos-compare' }, h('h3', null, 'Compare two runs'), h('p', { class: 'muted' }, 'Run the scenario twice (another seed, other policies) to compare the runs side by side. The last 10 runs are kept.'));
  const pick = (i: number, aria: string): HTMLSelectElement =>
    h('select', { attrs: { 'aria-label': aria } }, ...runs.map((r, k) => h('option', { attrs: { value: k, selected: k === i } }, label(r))));
  const a = pick(1, 'First run');
  const b = pick(0, 'Second run');
  const host = h('div');
  const render = (): void => {
    const ra = runs[Number(a.value)];
    const rb = runs[Number(b.value)];
    const ma = rowsOf(ra);
    const mb = rowsOf(rb);
    const keys = [...new Set([...ma.keys(), ...mb.keys()])];
    host.replaceChildren(h('table', { class: 'data-table chaos-compare-table' },
      h('caption', null, ra.sha256 === rb.sha256 ? 'Same SHA-256: the two replays are bit-identical.' : 'The replays differ.'),
      h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, ''), h('th', { attrs: { scope: 'col' } }, label(ra)), h('th', { attrs: { scope: 'col' } }, label(rb)))),
      h('tbody', null, ...keys.map((k) => {
        const x = ma.get(k) ?? '—';
        const y = mb.get(k) ?? '—';
        return h('tr', { class: x === y ? '' : 'chaos-diff' }, h('th', { attrs: { scope: 'row' } }, k), h('td', null, x), h('td', null, y));
      }))));
  };
  a.addEventListener('change', render);
  b.addEventListener('change', render);
  render();
  return h('section', { class: 'chaos-compare' }, h('h3', null, 'Compare two runs'),
    h('div', { class: 'chaos-form-row' }, h('label', { class: 'field' }, h('span', null, 'Run A'), a), h('label', { class: 'field' }, h('span', null, 'Run B'), b)), host);
}
