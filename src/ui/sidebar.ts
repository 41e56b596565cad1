// The sidebar: brand, import actions, the list of stored datasets (name, format, series, points, time
// range, delete) with a link to the dataset manager, and the footer (offline, storage, theme, help).
import type { DatasetMeta } from '../model/series';
import type { StorageUse } from '../store/datasets';
import { h, replace } from './dom';
import { formatBytes, formatRange, formatRangeShort } from './format';
import type { OfflineState } from './offline';
import { countsText } from './dataset-facts';
import { datasetFormatName } from './format-names';
import { DATASETS_HREF, datasetHref } from './router';
import type { ThemeSetting } from './theme';

export interface SidebarActions {
  loadDemo(): void;
  deleteDataset(meta: DatasetMeta): void;
  cycleTheme(): void;
  showHelp(): void;
}

const OFFLINE_TEXT: Record<OfflineState, [string, string]> = {
  ready: ['ok', 'Available offline'],
  installing: ['pending', 'Preparing offline use…'],
  unsupported: ['off', 'Offline use unavailable in this browser'],
  dev: ['off', 'Dev server: offline cache off'],
};

export class Sidebar {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'dataset-list', attrs: { 'aria-label': 'Stored datasets' } });
  private readonly offline = h('span', { class: 'offline', attrs: { 'data-testid': 'offline-status' } });
  private readonly storage = h('span', { class: 'storage muted' });
  private readonly manage = h('a', { class: 'sidebar-manage', attrs: { href: DATASETS_HREF } }, 'Manage');
  private readonly themeButton = h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button' } });

  constructor(input: HTMLInputElement, private readonly actions: SidebarActions) {
    this.themeButton.addEventListener('click', () => actions.cycleTheme());
    this.element = h(
      'aside',
      { class: 'sidebar', attrs: { 'aria-label': 'Datasets' } },
      h('a', { class: 'brand', attrs: { href: '#/' } }, h('img', { attrs: { src: 'icon.svg', alt: '', width: 22, height: 22 } }), 'Faultline'),
      h(
        'div',
        { class: 'sidebar-actions' },
        input,
        h('label', { class: 'btn btn-primary', attrs: { for: input.id } }, 'Import telemetry'),
        h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: () => actions.loadDemo() } }, 'Load demo'),
      ),
      h('div', { class: 'sidebar-heading-row' }, h('h2', { class: 'sidebar-heading' }, 'Datasets'), this.manage),
      this.list,
      h(
        'footer',
        { class: 'sidebar-footer' },
        this.offline,
        this.storage,
        h(
          'div',
          { class: 'sidebar-buttons' },
          this.themeButton,
          h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button', 'aria-label': 'Keyboard shortcuts' }, on: { click: () => actions.showHelp() } }, '?'),
        ),
      ),
    );
  }

  renderDatasets(datasets: DatasetMeta[], currentId: string | undefined): void {
    if (!datasets.length) {
      replace(this.list, h('li', { class: 'dataset-empty muted' }, 'Nothing imported yet.'));
      return;
    }
    replace(
      this.list,
      ...datasets
        .slice()
        .reverse()
        .map((d) => {
          const current = d.id === currentId;
          return h(
            'li',
            { class: current ? 'dataset-item current' : 'dataset-item', attrs: { 'data-dataset-id': d.id } },
            h(
              'a',
              { class: 'dataset-link', attrs: { href: datasetHref(d.id, 'metrics'), title: d.fileName, 'aria-current': current ? 'page' : undefined } },
              h('span', { class: 'dataset-name' }, d.name),
              h('span', { class: 'dataset-format' }, datasetFormatName(d)),
              h('span', { class: 'dataset-counts' }, countsText(d)),
              h('span', { class: 'dataset-range', attrs: { title: formatRange(d.start, d.end) } }, formatRangeShort(d.start, d.end)),
            ),
            h(
              'button',
              {
                class: 'btn btn-ghost btn-icon',
                attrs: { type: 'button', 'aria-label': `Delete ${d.name}`, title: `Delete ${d.name}` },
                on: { click: () => this.actions.deleteDataset(d) },
              },
              '✕',
            ),
          );
        }),
    );
  }

  /** Marks the "Manage" link as the current page while the dataset manager is shown. */
  renderManagerCurrent(current: boolean): void {
    if (current) this.manage.setAttribute('aria-current', 'page');
    else this.manage.removeAttribute('aria-current');
  }

  renderOffline(state: OfflineState): void {
    const [kind, text] = OFFLINE_TEXT[state];
    this.offline.className = `offline offline-${kind}`;
    replace(this.offline, h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }), text);
  }

  renderStorage(use: StorageUse | undefined): void {
    this.storage.textContent = use && Number.isFinite(use.usage)
      ? `Storage: ${formatBytes(use.usage)} used${Number.isFinite(use.quota) ? ` of ${formatBytes(use.quota)}` : ''}${use.persisted ? ' · persistent' : ''}`
      : 'Storage use unknown';
  }

  renderTheme(setting: ThemeSetting): void {
    this.themeButton.textContent = `Theme: ${setting[0].toUpperCase()}${setting.slice(1)}`;
    this.themeButton.setAttribute('aria-label', `Theme: ${setting} (press to change)`);
  }
}
