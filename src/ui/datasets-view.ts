// The dataset manager (#/datasets): every stored dataset with its format, counts, time range and
// bytes stored, warnings per file (expandable), rename and delete; the browser storage used and free.
import type { DatasetMeta } from '../model/series';
import type { StorageUse } from '../store/datasets';
import { h, replace } from './dom';
import { formatBytes, formatCount, formatRange, formatRangeShort, formatTime } from './format';
import { traceFacts } from './dataset-facts';
import { datasetFormatName } from './format-names';
import type { ViewHandle } from './metrics-view';
import { datasetHref } from './router';

export interface DatasetActions {
  rename(meta: DatasetMeta, name: string): Promise<void>;
  remove(meta: DatasetMeta): void;
}

/** Bytes a dataset takes in IndexedDB, estimated: 16 per point (t, v as float64), ~64 per span, records. */
export function storedBytes(m: DatasetMeta): number {
  return m.pointCount * 16 + (traceFacts(m)?.spans ?? 0) * 64 + m.seriesCount * 256 + 2048;
}
const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

export function datasetsView(datasets: readonly DatasetMeta[], storage: StorageUse | undefined, actions: DatasetActions): ViewHandle {
  const metas = datasets.slice().reverse();
  const hasTraces = metas.some((m) => traceFacts(m) !== undefined);
  const totalPoints = metas.reduce((n, m) => n + m.pointCount, 0);
  const totalStored = metas.reduce((n, m) => n + storedBytes(m), 0);
  const columns = ['Name', 'Format', 'Series', 'Points', ...(hasTraces ? ['Traces', 'Spans', 'Services', 'Error spans'] : []), 'Time range (UTC)', 'Stored ≈', 'Warnings', 'Actions'];
  const numeric = new Set(['Series', 'Points', 'Traces', 'Spans', 'Services', 'Error spans', 'Stored ≈']);
  const rows = metas.flatMap((m) => datasetRows(m, hasTraces, columns.length, actions));
  const element = h(
    'section',
    { class: 'view datasets-view', attrs: { 'aria-labelledby': 'datasets-title' } },
    h(
      'header',
      { class: 'view-header' },
      h('h2', { attrs: { id: 'datasets-title' } }, 'Dataset manager'),
      h('span', { class: 'muted' }, `${plural(metas.length, 'dataset')} · ${plural(totalPoints, 'point')} · ≈ ${formatBytes(totalStored)} stored`),
    ),
    storagePanel(storage, totalStored),
    metas.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'data-table datasets-table' },
            h('caption', null, 'Stored datasets'),
            h('thead', null, h('tr', null, ...columns.map((c) => h('th', { class: numeric.has(c) ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
            h('tbody', null, ...rows),
          ),
        )
      : h('p', { class: 'muted empty-note' }, 'No datasets are stored in this browser. Import telemetry (or drop files or a folder on this window), or load the demo.'),
  );
  return { element, mount() {}, destroy() {} };
}

function storagePanel(storage: StorageUse | undefined, ours: number): HTMLElement {
  if (!storage || !Number.isFinite(storage.usage) || !Number.isFinite(storage.quota)) {
    return h('div', { class: 'storage-panel' }, h('span', { class: 'muted' }, 'This browser does not report its storage use.'));
  }
  const free = Math.max(0, storage.quota - storage.usage);
  const share = storage.quota > 0 ? Math.min(100, (storage.usage / storage.quota) * 100) : 0;
  const fill = h('div', { class: 'meter-fill' });
  fill.style.width = `${Math.max(share, storage.usage > 0 ? 0.5 : 0)}%`; // a sliver stays visible
  return h(
    'div',
    { class: 'storage-panel', attrs: { 'data-testid': 'storage-panel' } },
    h(
      'div',
      { class: 'storage-facts' },
      h('span', null, h('strong', null, formatBytes(storage.usage)), ' used'),
      h('span', null, h('strong', null, formatBytes(free)), ' available'),
      h('span', { class: 'muted' }, `of ${formatBytes(storage.quota)} this browser allows this site`),
      h('span', { class: 'muted' }, `datasets ≈ ${formatBytes(ours)}`),
      h('span', { class: storage.persisted ? 'storage-persisted' : 'muted' }, storage.persisted ? 'Persistent: the browser will not evict it' : 'Not persistent: the browser may evict it under pressure'),
    ),
    h(
      'div',
      { class: 'meter', attrs: { role: 'meter', 'aria-label': 'Storage used', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': share.toFixed(1) } },
      fill,
    ),
  );
}

function traceCells(m: DatasetMeta): HTMLElement[] {
  const t = traceFacts(m);
  const num = (n: number | undefined, title?: string): HTMLElement => h('td', { class: 'num', attrs: { title } }, n === undefined ? '—' : formatCount(n));
  if (!t) return [num(undefined), num(undefined), num(undefined), num(undefined)];
  return [num(t.traces), num(t.spans), num(t.services, t.serviceNames.join(', ') || undefined), num(t.errorSpans)];
}

function datasetRows(m: DatasetMeta, hasTraces: boolean, span: number, actions: DatasetActions): HTMLElement[] {
  const nameCell = h('th', { class: 'name-cell', attrs: { scope: 'row' } });
  const renderName = (): void =>
    replace(
      nameCell,
      h('a', { class: 'dataset-title', attrs: { href: datasetHref(m.id, 'metrics') } }, m.name),
      h(
        'span',
        { class: 'file-name-note muted', attrs: { title: `${m.fileName}, imported ${formatTime(m.createdAt)} UTC` } },
        `${m.fileName !== m.name ? `${m.fileName} · ` : ''}imported ${formatTime(m.createdAt).slice(0, 16)}`,
      ),
    );
  renderName();
  const renameButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': `Rename ${m.name}` } }, 'Rename');
  const deleteButton = h('button', { class: 'btn btn-small btn-danger', attrs: { type: 'button', 'aria-label': `Delete ${m.name}` } }, 'Delete');
  deleteButton.addEventListener('click', () => actions.remove(m));
  renameButton.addEventListener('click', () => {
    const input = h('input', { class: 'rename-input', attrs: { type: 'text', value: m.name, 'aria-label': `New name for ${m.name}`, maxlength: 200 } });
    const save = h('button', { class: 'btn btn-small btn-primary', attrs: { type: 'submit' } }, 'Save');
    const cancel = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Cancel');
    const form = h('form', { class: 'rename-form' }, input, save, cancel);
    const close = (): void => {
      renderName();
      renameButton.disabled = false;
      renameButton.focus();
    };
    cancel.addEventListener('click', close);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = input.value.trim();
      if (!name || name === m.name) return close();
      save.disabled = true;
      void actions.rename(m, name);
    });
    renameButton.disabled = true;
    replace(nameCell, form);
    input.focus();
    input.select();
  });

  const warningsRow = h(
    'tr',
    { class: 'warnings-row', attrs: { hidden: true } },
    h('td', { attrs: { colspan: span } }, h('ul', { class: 'warning-list' }, ...m.warnings.map((w) => h('li', null, w)))),
  );
  const warningsId = `warnings-${m.id}`;
  warningsRow.id = warningsId;
  let warningsCell: HTMLElement;
  if (m.warnings.length) {
    const toggle = h('button', { class: 'btn btn-ghost btn-small warnings-toggle', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': warningsId } }, `▸ ${plural(m.warnings.length, 'warning')}`);
    toggle.addEventListener('click', () => {
      const open = warningsRow.hidden;
      warningsRow.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = `${open ? '▾' : '▸'} ${plural(m.warnings.length, 'warning')}`;
    });
    warningsCell = h('td', null, toggle);
  } else {
    warningsCell = h('td', { class: 'muted' }, 'none');
  }
  const num = (n: number | undefined): HTMLElement => h('td', { class: 'num' }, n === undefined ? '—' : formatCount(n));
  const row = h(
    'tr',
    { class: 'dataset-row', attrs: { 'data-dataset-id': m.id } },
    nameCell,
    h('td', null, h('span', { class: 'format-badge', attrs: { title: `format id: ${m.format}${m.compression ? `, ${m.compression}-compressed` : ''}` } }, datasetFormatName(m))),
    num(m.seriesCount),
    num(m.pointCount),
    ...(hasTraces ? traceCells(m) : []),
    h('td', { attrs: { title: formatRange(m.start, m.end) } }, formatRangeShort(m.start, m.end)),
    h('td', { class: 'num', attrs: { title: `source file: ${formatBytes(m.bytes)}` } }, formatBytes(storedBytes(m))),
    warningsCell,
    h('td', { class: 'actions-cell' }, renameButton, deleteButton),
  );
  return m.warnings.length ? [row, warningsRow] : [row];
}
