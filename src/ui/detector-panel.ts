// The detector panel of the Anomalies view: mode, voting, which detectors (with weights and their
// ParamSpec forms), suppression (cooldown, minimum duration), a slot for maintenance windows, and
// Run / Cancel with the run's progress. It edits a DetectionConfig and reports each change.
import { stepProgressText, type DetectionConfig, type DetectionMode, type DetectProgress, type StepProgress, type Voting } from '../analysis/detectors/run-types';
import type { DetectorName } from '../analysis/detectors/types';
import type { DetectorInfo } from '../workers/api';
import { DETECTION_MODES, VOTINGS } from './detection-vocabulary';
import { h, replace } from './dom';
import { paramField } from './param-form';

export interface DetectorPanelEvents {
  changed(config: DetectionConfig): void;
  run(): void;
  cancel(): void;
}

export interface DetectorPanel {
  element: HTMLElement;
  config(): DetectionConfig;
  setRunning(running: boolean): void;
  progress(p: DetectProgress): void;
  /** One line under the buttons: what the last run did, or why it failed. */
  status(text: string, kind?: 'info' | 'error'): void;
  /** The analysis worker's detector list arrived (the list shows a loading line until then), or could not be had. */
  setCatalogue(catalogue: readonly DetectorInfo[] | { error: string }): void;
}

const MODE_TEXT: Record<DetectionMode, [string, string]> = {
  single: ['Single detector', 'One detector decides alone'],
  statistical: ['Statistical', 'Z-score, IQR and moving-average detectors vote'],
  ml: ['Machine learning', 'Isolation Forest and LOF vote'],
  hybrid: ['Hybrid', 'Statistical detectors flag, ML detectors must confirm'],
  ensemble: ['Ensemble', 'Every detector votes'],
};
const VOTING_TEXT: Record<Voting, [string, string]> = {
  majority: ['Majority', 'a point is flagged when more than half of the detectors flag it'],
  weighted: ['Weighted', 'a point is flagged when its flagging detectors carry more than half the weight'],
  consensus: ['Consensus', 'a point is flagged only when every detector flags it'],
};
const PHASE_TEXT: Record<DetectProgress['phase'], string> = {
  loading: 'Reading series',
  detecting: 'Running detectors',
  combining: 'Combining votes',
  health: 'Scoring health',
};

const clone = (c: DetectionConfig): DetectionConfig => structuredClone(c);

function select<T extends string>(label: string, options: readonly T[], text: (o: T) => string, value: T, onChange: (v: T) => void): HTMLElement {
  const el = h('select', null, ...options.map((o) => h('option', { attrs: { value: o, selected: o === value } }, text(o))));
  el.addEventListener('change', () => onChange(el.value as T));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

/** A number of minutes, stored as ms. */
function minutesField(label: string, ms: number, onChange: (ms: number) => void): HTMLElement {
  const input = h('input', { attrs: { type: 'number', min: 0, step: 'any', value: ms / 60_000, inputmode: 'decimal' } });
  input.addEventListener('change', () => {
    const x = Number(input.value);
    if (input.value.trim() !== '' && Number.isFinite(x) && x >= 0) onChange(Math.round(x * 60_000));
    else input.value = String(ms / 60_000);
  });
  return h('label', { class: 'field' }, h('span', null, label), input);
}

/** `initialCatalogue` undefined: the detector list is still on its way from the worker (see setCatalogue). */
export function detectorPanel(initialCatalogue: readonly DetectorInfo[] | undefined, initial: DetectionConfig, maintenance: HTMLElement, events: DetectorPanelEvents): DetectorPanel {
  let config = clone(initial);
  let catalogue: readonly DetectorInfo[] | { error: string } | undefined = initialCatalogue;
  const known = (): readonly DetectorInfo[] => (Array.isArray(catalogue) ? catalogue : []);
  /** "Isolation Forest on cpu: 40 %": the step a long series is in the middle of. */
  const withinText = (w: StepProgress): string => stepProgressText(w, known().find((d) => d.name === w.detector)?.label);
  const open = new Set<DetectorName>();
  const list = h('ul', { class: 'detector-list', attrs: { 'aria-label': 'Detectors' } });
  const head = h('div', { class: 'panel-row' });
  const runButton = h('button', { class: 'btn btn-primary', attrs: { type: 'button', 'aria-keyshortcuts': 'r' }, on: { click: () => events.run() } }, 'Run detection');
  const cancelButton = h('button', { class: 'btn', attrs: { type: 'button', hidden: true }, on: { click: () => events.cancel() } }, 'Cancel');
  const fill = h('div', { class: 'progress-fill' });
  const track = h('div', { class: 'progress-track', attrs: { role: 'progressbar', 'aria-label': 'Detection progress', 'aria-valuemin': 0, 'aria-valuemax': 100, hidden: true } }, fill);
  const statusLine = h('p', { class: 'panel-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });

  const chosen = (): DetectorName[] =>
    config.detectors.length || config.mode === 'single' ? config.detectors : known().filter((d) => d.modes.includes(config.mode)).map((d) => d.name);

  const changed = (rerender = false) => {
    if (rerender) render();
    events.changed(clone(config));
  };

  function toggle(name: DetectorName, on: boolean): void {
    if (config.mode === 'single') config.detectors = [name];
    else {
      const set = new Set(chosen().filter((n) => known().some((d) => d.name === n && d.available)));
      if (on) set.add(name);
      else set.delete(name);
      if (!set.size) {
        // An empty list means "the mode's defaults": keep the last one instead of silently choosing all.
        render();
        statusLine.textContent = 'Keep at least one detector (or pick another mode).';
        return;
      }
      config.detectors = known().filter((d) => set.has(d.name)).map((d) => d.name);
    }
    changed(true);
  }

  function detectorRow(d: DetectorInfo): HTMLElement {
    const single = config.mode === 'single';
    const isOn = chosen().includes(d.name);
    const box = h('input', {
      attrs: { type: single ? 'radio' : 'checkbox', name: single ? 'single-detector' : undefined, checked: isOn && d.available, disabled: !d.available },
    });
    box.addEventListener('change', () => toggle(d.name, box.checked));
    const weight = config.voting === 'weighted' && !single && isOn
      ? h('label', { class: 'weight' }, 'weight ', (() => {
          const w = h('input', { attrs: { type: 'number', min: 0, step: 'any', value: config.weights?.[d.name] ?? 1, 'aria-label': `Weight of ${d.label}` } });
          w.addEventListener('change', () => {
            const x = Number(w.value);
            if (!(Number.isFinite(x) && x >= 0)) return void (w.value = String(config.weights?.[d.name] ?? 1));
            config.weights = { ...config.weights, [d.name]: x };
            changed();
          });
          return w;
        })())
      : null;
    const params = d.params.length
      ? h(
          'details',
          { attrs: { open: open.has(d.name) } },
          h('summary', null, `Parameters (${d.params.length})`),
          ...d.params.map((spec) =>
            paramField(spec, config.params[d.name]?.[spec.name], (v) => {
              const p = { ...config.params[d.name] };
              if (v === undefined) delete p[spec.name];
              else p[spec.name] = v;
              if (Object.keys(p).length) config.params[d.name] = p;
              else delete config.params[d.name];
              changed();
            }, `param-${d.name}`),
          ),
        )
      : null;
    params?.addEventListener('toggle', () => (params.open ? open.add(d.name) : open.delete(d.name)));
    return h(
      'li',
      { class: d.available ? 'detector' : 'detector unavailable', attrs: { 'data-detector': d.name } },
      h('div', { class: 'detector-head' },
        h('label', { class: 'detector-name' }, box, d.label),
        h('span', { class: `family family-${d.family}` }, d.multiSeries ? 'multi-series' : d.family === 'ml' ? 'ML' : 'statistical'),
        weight,
      ),
      d.available ? params : h('small', { class: 'muted' }, 'Not available in this build.'),
    );
  }

  function render(): void {
    replace(
      head,
      select('Mode', DETECTION_MODES, (m) => MODE_TEXT[m][0], config.mode, (m) => {
        config.mode = m;
        config.detectors = m === 'single' ? [chosen()[0] ?? 'zscore'] : [];
        changed(true);
      }),
      config.mode === 'single' ? null : select('Voting', VOTINGS, (v) => VOTING_TEXT[v][0], config.voting, (v) => {
        config.voting = v;
        changed(true);
      }),
      h('p', { class: 'panel-hint muted' }, MODE_TEXT[config.mode][1] + (config.mode === 'single' ? '.' : `; ${VOTING_TEXT[config.voting][1]}.`)),
    );
    list.setAttribute('aria-busy', String(catalogue === undefined));
    if (catalogue === undefined) replace(list, h('li', { class: 'detector-loading muted' }, 'Loading detectors…'));
    else if (!Array.isArray(catalogue)) replace(list, h('li', { class: 'inline-error' }, `The detector list could not be loaded: ${(catalogue as { error: string }).error}`));
    else replace(list, ...catalogue.map(detectorRow));
  }
  render();

  const suppression = h(
    'fieldset',
    { class: 'panel-section' },
    h('legend', null, 'Suppression'),
    h('div', { class: 'panel-row' },
      minutesField('Cooldown (min)', config.suppression.cooldownMs, (ms) => {
        config.suppression.cooldownMs = ms;
        changed();
      }),
      minutesField('Min duration (min)', config.suppression.minDurationMs, (ms) => {
        config.suppression.minDurationMs = ms;
        changed();
      }),
    ),
    maintenance,
  );

  const element = h(
    'section',
    { class: 'detector-panel', attrs: { 'aria-label': 'Detector settings' } },
    h('h3', null, 'Detectors'),
    head,
    h('div', { class: 'panel-actions' }, runButton, cancelButton),
    track,
    statusLine,
    list,
    suppression,
  );

  return {
    element,
    config: () => clone(config),
    setRunning(running) {
      runButton.disabled = running;
      cancelButton.hidden = !running;
      track.hidden = !running;
      if (running) {
        fill.style.width = '0%';
        track.setAttribute('aria-valuenow', '0');
      }
    },
    progress(p) {
      const pct = p.total > 0 ? Math.round((100 * (p.done + (p.within?.fraction ?? 0))) / p.total) : 0;
      fill.style.width = `${pct}%`;
      track.setAttribute('aria-valuenow', String(pct));
      statusLine.className = 'panel-status muted';
      statusLine.textContent = `${PHASE_TEXT[p.phase]}… ${p.done} of ${p.total} steps${p.within ? ` · ${withinText(p.within)}` : ''}`;
    },
    status(text, kind = 'info') {
      statusLine.className = kind === 'error' ? 'panel-status inline-error' : 'panel-status muted';
      statusLine.textContent = text;
    },
    setCatalogue(c) {
      catalogue = c;
      render();
    },
  };
}
