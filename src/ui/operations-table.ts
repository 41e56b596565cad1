// A sortable table of rows: header buttons with aria-sort, numbers right-aligned, the sort kept by the caller
// (route parameters); used by the per-operation latency table.
import { h, replace, type Child } from './dom';

export interface SortColumn<R> {
  key: string;
  label: string;
  num?: boolean;
  /** The value sorted by (NaN sorts last). */
  value(row: R): number | string;
  /** The cell's content (default: the value as text). */
  cell?(row: R): Child;
  /** The first column is the row header. */
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a - b;
  }
  return String(a).localeCompare(String(b));
}

/** Rows sorted by a column (NaN last in both directions); ties keep their order. */
export function sortRows<R>(rows: readonly R[], column: SortColumn<R>, dir: 'asc' | 'desc'): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((x, y) => {
      const nanX = typeof x.v === 'number' && Number.isNaN(x.v);
      const nanY = typeof y.v === 'number' && Number.isNaN(y.v);
      if (nanX || nanY) return Number(nanX) - Number(nanY) || x.i - y.i;
      return sign * compare(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** Renders into `host` and re-renders on a header click; `onSort` hears the new state. */
export function sortableTable<R>(host: HTMLElement, caption: string, columns: readonly SortColumn<R>[], rows: readonly R[], state: SortState, onSort: (s: SortState) => void, className = ''): void {
  const render = (): void => {
    const col = columns.find((c) => c.key === state.key) ?? columns[0];
    const sorted = sortRows(rows, col, state.dir);
    const head = columns.map((c) => {
      const active = c.key === col.key;
      const button = h('button', { class: 'sort-button', attrs: { type: 'button' } }, c.label, h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' } }, active ? (state.dir === 'asc' ? ' ▲' : ' ▼') : ''));
      button.addEventListener('click', () => {
        state = { key: c.key, dir: active ? (state.dir === 'asc' ? 'desc' : 'asc') : c.num ? 'desc' : 'asc' };
        onSort(state);
        render();
      });
      return h('th', { class: c.num ? 'num' : undefined, attrs: { scope: 'col', 'aria-sort': active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none' } }, button);
    });
    const body = sorted.map((r) =>
      h('tr', null, ...columns.map((c, i) => {
        const content = c.cell ? c.cell(r) : String(c.value(r));
        return i === 0 ? h('th', { attrs: { scope: 'row' } }, content) : h('td', { class: c.num ? 'num' : undefined }, content);
      })),
    );
    replace(host, h('table', { class: `data-table sortable ${className}`.trim() }, h('caption', null, caption), h('thead', null, h('tr', null, ...head)), h('tbody', null, ...body)));
  };
  render();
}
