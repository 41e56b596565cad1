// Controls shared by the chart views (Metrics, Anomalies): the series picker, the Table toggle kept in
// the URL, legend items and the cursor readout text of one bucket.
import type { DatasetMeta } from '../model/series';
import type { ChartData } from '../workers/api';
import { h } from './dom';
import { formatTime, formatValue, withUnit } from './format';
import { replaceParams } from './router';

export function legendItem(swatchClass: string, text: string): HTMLElement {
  return h('span', { class: 'legend-item' }, h('span', { class: `swatch ${swatchClass}`, attrs: { 'aria-hidden': 'true' } }), text);
}

export function seriesPicker(meta: DatasetMeta, selected: number, onChange: (index: number) => void): HTMLSelectElement {
  const picker = h(
    'select',
    { attrs: { 'aria-label': 'Series', disabled: meta.seriesCount < 2 } },
    ...meta.series.map((s) => h('option', { attrs: { value: s.index, selected: s.index === selected } }, s.name)),
  );
  picker.addEventListener('change', () => onChange(Number(picker.value)));
  return picker;
}

/** The "Table" button: shows or hides `host`, keeps `table=1` in the URL, calls `render` when shown. */
export function tableToggle(host: HTMLElement, shown: boolean, render: () => void): { button: HTMLButtonElement; toggle(): void; shown(): boolean } {
  const button = h('button', { class: 'btn', attrs: { type: 'button', 'aria-pressed': String(shown) } }, 'Table');
  host.hidden = !shown;
  const toggle = () => {
    shown = !shown;
    button.setAttribute('aria-pressed', String(shown));
    host.hidden = !shown;
    replaceParams({ table: shown ? '1' : undefined });
    render();
  };
  button.addEventListener('click', toggle);
  return { button, toggle, shown: () => shown };
}

/** "time UTC · min – max · score x" of bucket i, or a blank when the cursor is off the data. */
export function bucketReadout(data: ChartData | undefined, i: number, unit: string, scoreName: string): string {
  if (!data || i < 0 || i >= data.t.length) return ' ';
  const v = (x: number) => withUnit(formatValue(x), unit);
  const range = data.min[i] === data.max[i] ? v(data.min[i]) : `${v(data.min[i])} – ${v(data.max[i])}`;
  return `${formatTime(data.t[i])} UTC · ${range} · ${scoreName} ${formatValue(data.score[i])}`;
}
