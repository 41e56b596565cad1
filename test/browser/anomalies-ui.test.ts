// The Anomalies view's parts in real Chromium: URL settings round trip, ParamSpec fields refusing
// out-of-bounds values, the detector panel's config, incidents (jump, text as text), heatmap, health.
import { describe, expect, it } from 'vitest';
import type { DetectionReport, Incident, MaintenanceWindow } from '../../src/analysis/detectors/run-types';
import type { ParamSpec } from '../../src/analysis/detectors/types';
import { formatWindows, parseSettings, parseWindows, settingsParams } from '../../src/ui/anomaly-settings';
import { correlationView } from '../../src/ui/correlation-heatmap';
import type { DetectorInfo } from '../../src/workers/api';
import { detectorCatalogue } from '../../src/ui/detector-catalogue';
import { detectorPanel } from '../../src/ui/detector-panel';
import { healthView } from '../../src/ui/health-view';
import { incidentRange, incidentsTable } from '../../src/ui/incidents-list';
import { coversSeries, maintenanceWindows, mergeWindows } from '../../src/ui/maintenance-windows';
import { paramField } from '../../src/ui/param-form';

const spec: ParamSpec = { name: 'window', label: 'Window', default: 100, min: 2, max: 1000, integer: true, help: 'preceding points' };
const catalogue: DetectorInfo[] = [
  { name: 'zscore', label: 'Adaptive z-score', family: 'statistical', params: [spec], multiSeries: false, available: true, modes: ['statistical', 'hybrid', 'ensemble'] },
  { name: 'iqr', label: 'Rolling IQR', family: 'statistical', params: [], multiSeries: false, available: true, modes: ['statistical', 'hybrid', 'ensemble'] },
  { name: 'ewma', label: 'EWMA', family: 'statistical', params: [], multiSeries: false, available: true, modes: ['statistical', 'hybrid', 'ensemble'] },
  { name: 'lof', label: 'LOF', family: 'ml', params: [], multiSeries: false, available: false, modes: ['ml', 'hybrid', 'ensemble'] },
];
const T = Date.UTC(2026, 2, 3, 14, 10);
const incident = (over: Partial<Incident>): Incident => ({
  seriesIndex: 1, series: 'p99_latency_ms', start: T, end: T + 600_000, peakTime: T + 60_000, peakValue: 900, peakScore: 0.97,
  severity: 'CRITICAL', confidence: 0.9, detectors: ['zscore', 'iqr'], points: 11, ...over,
});

const change = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('change'));
};

describe('anomaly settings in the URL', () => {
  it('round-trips mode, detectors, voting, params, weights, suppression and windows', () => {
    const p = new URLSearchParams('mode=ensemble&det=zscore,iqr,bogus&vote=weighted&p.zscore.window=60&w.iqr=2&cool=300000&mindur=60000&mw=1000~2000,bad,5~3&series=3&run=1');
    const s = parseSettings(p, 5);
    expect(s.config).toEqual({
      mode: 'ensemble', detectors: ['zscore', 'iqr'], voting: 'weighted', params: { zscore: { window: 60 } }, weights: { iqr: 2 },
      suppression: { cooldownMs: 300000, minDurationMs: 60000, maintenance: [{ start: 1000, end: 2000 }] },
    });
    expect(s.series).toBe(3);
    expect(s.autoRun).toBe(true);
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(settingsParams(s, p))) if (v !== undefined) out.set(k, String(v));
    expect(parseSettings(out, 5)).toEqual(s);
  });

  it('defaults: ensemble, majority, series clamped, junk ignored', () => {
    const s = parseSettings(new URLSearchParams('mode=nope&vote=x&series=99&p.zscore.window=abc'), 2);
    expect(s.config.mode).toBe('ensemble');
    expect(s.config.voting).toBe('majority');
    expect(s.config.params).toEqual({});
    expect(s.series).toBe(1);
    expect(parseWindows('-5~-1')).toEqual([{ start: -5, end: -1 }]);
    expect(parseWindows('1~2~p99%20latency%7Ea%2Cb,3~4~%E0%A4%A,5~6~')).toEqual([{ start: 1, end: 2, series: 'p99 latency~a,b' }]);
    const w = [{ start: 1, end: 2 }, { start: 3, end: 4, series: 'a~b,c' }];
    expect(parseWindows(formatWindows(w) ?? null)).toEqual(w);
  });

  it('stale override keys are removed when a parameter goes back to its default', () => {
    const s = parseSettings(new URLSearchParams('p.zscore.window=60'), 1);
    s.config.params = {};
    expect(settingsParams(s, new URLSearchParams('p.zscore.window=60'))).toHaveProperty('p.zscore.window', undefined);
  });
});

describe('parameter fields from ParamSpec', () => {
  it('takes values in bounds, refuses others with the bounds, and reports the default as undefined', () => {
    const got: (number | undefined)[] = [];
    const el = paramField(spec, undefined, (v) => got.push(v), 't');
    const input = el.querySelector('input') as HTMLInputElement;
    expect(input.min).toBe('2');
    expect(input.max).toBe('1000');
    expect(el.textContent).toContain('preceding points');
    change(input, '50');
    change(input, '1');
    expect(input.value).toBe('50');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('.param-error')?.textContent).toContain('whole number from 2 to 1,000');
    change(input, '2.5');
    expect(input.value).toBe('50');
    change(input, '100');
    expect(got).toEqual([50, undefined]);
  });
});

describe('detector panel', () => {
  it('edits a DetectionConfig: detectors, voting with weights, parameters, suppression', () => {
    const configs: unknown[] = [];
    const base = parseSettings(new URLSearchParams('mode=statistical'), 1).config;
    const panel = detectorPanel(catalogue, base, document.createElement('div'), { changed: (c) => configs.push(c), run: () => undefined, cancel: () => undefined });
    document.body.append(panel.element); // checkboxes fire change only when connected
    const box = (name: string) => panel.element.querySelector(`[data-detector=${name}] input[type=checkbox]`) as HTMLInputElement;
    expect(box('zscore').checked).toBe(true); // mode default
    expect(box('lof').disabled).toBe(true);
    box('ewma').click();
    expect(panel.config().detectors).toEqual(['zscore', 'iqr']);
    const voting = panel.element.querySelectorAll('select')[1] as HTMLSelectElement;
    voting.value = 'weighted';
    voting.dispatchEvent(new Event('change'));
    change(panel.element.querySelector('[aria-label="Weight of Rolling IQR"]') as HTMLInputElement, '3');
    change(panel.element.querySelector('[data-detector=zscore] .param-field input') as HTMLInputElement, '30');
    const [cooldown] = panel.element.querySelectorAll<HTMLInputElement>('fieldset input');
    change(cooldown, '5');
    expect(panel.config()).toMatchObject({ voting: 'weighted', weights: { iqr: 3 }, params: { zscore: { window: 30 } }, suppression: { cooldownMs: 300_000 } });
    expect(configs.length).toBeGreaterThanOrEqual(5);
    panel.element.remove();
  });

  it('the last chosen detector cannot be unchecked (an empty list would mean every default)', () => {
    const panel = detectorPanel(catalogue, parseSettings(new URLSearchParams('mode=statistical&det=iqr'), 1).config, document.createElement('div'), {
      changed: () => undefined, run: () => undefined, cancel: () => undefined,
    });
    document.body.append(panel.element);
    (panel.element.querySelector('[data-detector=iqr] input') as HTMLInputElement).click();
    expect(panel.config().detectors).toEqual(['iqr']);
    expect((panel.element.querySelector('[data-detector=iqr] input') as HTMLInputElement).checked).toBe(true);
    expect(panel.element.querySelector('[role=status]')?.textContent).toContain('at least one');
    panel.element.remove();
  });

  it('shows a loading line until the worker\'s detector list arrives, then the detectors; a failed list says why', async () => {
    let calls = 0;
    let answer: (c: DetectorInfo[]) => void = () => undefined;
    const worker = { detectors: () => (calls++, new Promise<DetectorInfo[]>((r) => (answer = r))) };
    const first = detectorCatalogue(worker);
    expect(detectorCatalogue(worker)).toBe(first); // fetched once, shared
    const panel = detectorPanel(undefined, parseSettings(new URLSearchParams('mode=statistical'), 1).config, document.createElement('div'), {
      changed: () => undefined, run: () => undefined, cancel: () => undefined,
    });
    const list = panel.element.querySelector('[aria-label=Detectors]') as HTMLElement;
    expect(list.getAttribute('aria-busy')).toBe('true');
    expect(list.textContent).toBe('Loading detectors…');
    expect(panel.element.querySelector('[data-detector]')).toBeNull();
    answer(catalogue);
    panel.setCatalogue(await first);
    expect(calls).toBe(1);
    expect(list.getAttribute('aria-busy')).toBe('false');
    expect(panel.element.querySelectorAll('[data-detector]').length).toBe(4);
    expect((panel.element.querySelector('[data-detector=zscore] input') as HTMLInputElement).checked).toBe(true);
    panel.setCatalogue({ error: 'worker gone' });
    expect(list.textContent).toContain('could not be loaded: worker gone');
  });

  it('single mode offers one detector at a time; progress and cancel show while running', () => {
    const panel = detectorPanel(catalogue, parseSettings(new URLSearchParams('mode=single&det=iqr'), 1).config, document.createElement('div'), {
      changed: () => undefined, run: () => undefined, cancel: () => undefined,
    });
    document.body.append(panel.element);
    expect(panel.element.querySelectorAll('input[type=radio]').length).toBe(4);
    (panel.element.querySelector('[data-detector=zscore] input') as HTMLInputElement).click();
    expect(panel.config().detectors).toEqual(['zscore']);
    const cancel = [...panel.element.querySelectorAll('button')].find((b) => b.textContent === 'Cancel') as HTMLButtonElement;
    expect(cancel.hidden).toBe(true);
    panel.setRunning(true);
    panel.progress({ runId: 'r', done: 3, total: 12, phase: 'detecting' });
    expect(cancel.hidden).toBe(false);
    expect(panel.element.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('25');
    expect(panel.element.querySelector('[role=status]')?.textContent).toContain('3 of 12');
    panel.element.remove();
  });
});

describe('maintenance windows', () => {
  it('merges overlaps, lists and removes', () => {
    expect(mergeWindows([{ start: 5, end: 9 }, { start: 1, end: 6 }, { start: 20, end: 30 }])).toEqual([{ start: 1, end: 9 }, { start: 20, end: 30 }]);
    const seen: number[] = [];
    const m = maintenanceWindows([], { changed: (w) => seen.push(w.length), drawMode: () => undefined });
    m.add({ start: T, end: T + 3_600_000 });
    expect(m.element.textContent).toContain('2026-03-03 14:10:00');
    (m.element.querySelector('[aria-label^="Remove maintenance window"]') as HTMLButtonElement).click();
    expect(seen).toEqual([1, 0]);
  });

  it('per series: the chosen scope is given to drawn windows, listed, and merged only within a scope', () => {
    expect(mergeWindows([{ start: 1, end: 5, series: 'a' }, { start: 2, end: 6 }, { start: 4, end: 9, series: 'a' }])).toEqual([
      { start: 2, end: 6 }, { start: 1, end: 9, series: 'a' },
    ]);
    const got: MaintenanceWindow[][] = [];
    const m = maintenanceWindows([], { changed: (w) => got.push(w), drawMode: () => undefined }, ['cpu', 'p99_latency_ms']);
    const select = m.element.querySelector('select[aria-label="Maintenance windows apply to"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Every series', 'cpu', 'p99_latency_ms']);
    m.add({ start: T, end: T + 60_000 });
    select.value = 'p99_latency_ms';
    m.add({ start: T, end: T + 60_000 });
    expect(got.at(-1)).toEqual([{ start: T, end: T + 60_000 }, { start: T, end: T + 60_000, series: 'p99_latency_ms' }]);
    expect([...m.element.querySelectorAll('.window-scope')].map((e) => e.textContent)).toEqual(['every series', 'p99_latency_ms']);
    expect(coversSeries({ start: 0, end: 1, series: 'cpu' }, 'p99_latency_ms')).toBe(false);
    expect(coversSeries({ start: 0, end: 1 }, 'p99_latency_ms')).toBe(true);
  });
});

describe('incidents, heatmap and health', () => {
  it('incidents: worst first, a start press opens it, series names stay text', () => {
    const opened: Incident[] = [];
    const low = incident({ severity: 'LOW', start: T - 86_400_000, end: T - 86_000_000, series: '<img src=x onerror=alert(1)>', seriesIndex: 0 });
    const el = incidentsTable([low, incident({}), incident({ severity: 'HIGH', suppressed: 'maintenance' })], { open: (x) => opened.push(x) });
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('.severity')?.textContent)).toEqual(['CRITICAL', 'HIGH', 'LOW']);
    expect(el.querySelector('caption')?.textContent).toContain('2 incidents, 1 suppressed');
    expect(el.querySelector('img')).toBeNull();
    (rows[0].querySelector('button') as HTMLButtonElement).click();
    expect(opened[0].severity).toBe('CRITICAL');
    expect(rows[0].textContent).toContain('zscore, iqr');
    const [a, b] = incidentRange(incident({}), [0, T * 2]);
    expect(a).toBeLessThan(T);
    expect(b).toBeGreaterThan(T + 600_000);
  });

  it('heatmap: a table with r as text and coloured cells; groups named', () => {
    const el = correlationView({ names: ['a', 'b'], matrix: [[1, -0.9], [-0.9, 1]], groups: [[0, 1]], breaks: [] }, 2, { openBreak: () => undefined, openPairBreak: () => undefined });
    const cells = [...el.querySelectorAll('td.heat')] as HTMLElement[];
    expect(cells.map((c) => c.textContent)).toEqual(['1.00', '−0.90', '−0.90', '1.00']);
    expect(cells[1].style.background).toContain('color-mix');
    expect(el.querySelector('.group-list')?.textContent).toBe('a · b');
    expect(correlationView(undefined, 1, { openBreak: () => undefined, openPairBreak: () => undefined }).textContent).toContain('two or more series');
  });

  it('heatmap: pair breaks mark both cells of the pair, open the worst one, and are listed with times', () => {
    const opened: number[] = [];
    const pb = (start: number, peakScore: number) => ({ a: 4, b: 7, start, end: start + 300_000, baselineR: 0.91, breakR: 0.12, peakScore });
    const report = {
      names: ['x', 'y', 'z'], indices: [2, 4, 7], matrix: [[1, 0.1, 0.2], [0.1, 1, 0.9], [0.2, 0.9, 1]], groups: [], breaks: [],
      pairBreaks: [pb(T, 0.7), pb(T + 3_600_000, 0.95)],
    };
    const el = correlationView(report, 3, { openBreak: () => undefined, openPairBreak: (b) => opened.push(b.start) });
    const broken = [...el.querySelectorAll('td.heat.broken')] as HTMLElement[];
    expect(broken.length).toBe(2); // y × z and z × y
    expect(broken[0].getAttribute('data-breaks')).toBe('2');
    expect(broken[0].title).toContain('2 correlation breaks');
    (broken[0].querySelector('button') as HTMLButtonElement).click();
    expect(opened).toEqual([T + 3_600_000]); // the worst (highest peak score) first
    const items = [...el.querySelectorAll('.pair-break-list li')];
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('y × z: r 0.12 against a baseline of 0.91'), expect.stringContaining('y × z'),
    ]);
    (items[0].querySelector('button') as HTMLButtonElement).click();
    expect(opened[1]).toBe(T);
  });

  it('health: overall and per component with reasons', () => {
    const health: DetectionReport['health'] = {
      overall: 42, reasons: ['-58: 1 CRITICAL incident'], components: [{ name: 'checkout', score: 42, reasons: ['-58: p99 CRITICAL'], series: [0, 1] }],
    };
    const el = healthView(health, ['p99_latency_ms', 'error_rate_pct']);
    expect(el.querySelector('[data-testid=health-overall]')?.textContent).toBe('42');
    expect(el.querySelector('.health-component')?.textContent).toContain('p99_latency_ms, error_rate_pct');
    expect(el.querySelector('[role=meter]')?.getAttribute('aria-valuenow')).toBe('42');
  });
});
