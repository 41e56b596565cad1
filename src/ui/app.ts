// The app shell: sidebar of datasets, per-dataset view tabs, the dataset manager, the import panel,
// worker crash notices and the hash router that picks the view. Owns the dataset list shown to the user.
import type { DatasetMeta } from '../model/series';
import { deleteDataset, listDatasets, renameDataset, storageEstimate, type StorageUse } from '../store/datasets';
import type { Workers } from '../workers/spawn';
import { anomaliesView } from './anomalies-view';
import { chaosView } from './chaos-view';
import { datasetsView } from './datasets-view';
import { h, replace } from './dom';
import { emptyState } from './empty-state';
import { busy, markReady, setWorkerPending, settleRoute, whileBusy } from './idle';
import { ImportPanel } from './import-panel';
import { Importer } from './importer';
import { installKeymap, onAction, runAction } from './keymap';
import { metricsView, type ViewHandle } from './metrics-view';
import { offlineState, onOfflineState } from './offline';
import { overviewView } from './overview-view';
import { percentilesView } from './percentiles-view';
import { openSessionLink } from './session-open';
import { DATASET_VIEWS, DATASETS_HREF, datasetHref, formatRoute, navigate, parseRoute, type Route } from './router';
import { Sidebar } from './sidebar';
import { sloView } from './slo-view';
import { cycleTheme, onThemeChange, themeSetting } from './theme';
import { tracesView } from './traces-view';

const VIEW_TITLES = { overview: 'Overview', metrics: 'Metrics', anomalies: 'Anomalies', percentiles: 'Percentiles', slos: 'SLOs', traces: 'Traces', chaos: 'Chaos lab' } as const;

declare global {
  interface Window {
    /** Developer chaos (tests and the console): crash a worker to exercise the restart path. */
    __faultlineChaos?: { crashWorker(kind: 'import' | 'analysis'): void };
  }
}

export class App {
  private workers: Workers | undefined;
  private datasets: DatasetMeta[] = [];
  private storage: StorageUse | undefined;
  private view: ViewHandle | undefined;
  private readonly panel = new ImportPanel();
  private readonly importer: Importer;
  private readonly sidebar: Sidebar;
  private readonly banners = h('div', { class: 'banners' });
  private readonly tabs = h('nav', { class: 'tabs', attrs: { 'aria-label': 'Dataset views' } });
  private readonly content = h('div', { class: 'content' });
  private readonly dropOverlay = h('div', { class: 'drop-overlay', attrs: { hidden: true, 'aria-hidden': 'true' } }, h('p', null, 'Drop telemetry files to import them'));

  constructor(private readonly root: HTMLElement) {
    this.importer = new Importer(() => this.workers, this.panel, {
      imported: () => this.refresh(),
      finished: (stored, files) => this.finished(stored, files),
    });
    this.sidebar = new Sidebar(this.importer.input, {
      loadDemo: () => this.importer.loadDemo(),
      deleteDataset: (d) => void this.remove(d),
      cycleTheme,
      showHelp: () => runAction('help'),
    });
  }

  /** Renders the shell and the current route; `workers` resolves once the kernels are compiled. */
  async start(workers: Promise<Workers>): Promise<void> {
    replace(
      this.root,
      h(
        'div',
        { class: 'shell' },
        this.sidebar.element,
        h('main', { class: 'main', attrs: { id: 'main' } }, this.banners, this.tabs, this.panel.element, this.content),
      ),
      this.dropOverlay,
    );
    this.importer.installDropTarget(this.dropOverlay);
    installKeymap();
    onAction('theme', cycleTheme);
    onAction('import', () => this.importer.input.click());
    onAction('demo', () => this.importer.loadDemo());
    onAction('overview', () => this.switchView('overview'));
    onAction('metrics', () => this.switchView('metrics'));
    onAction('anomalies', () => this.switchView('anomalies'));
    onAction('percentiles', () => this.switchView('percentiles'));
    onAction('slos', () => this.switchView('slos'));
    onAction('traces', () => this.switchView('traces'));
    onAction('chaos', () => this.switchView('chaos'));
    this.sidebar.renderTheme(themeSetting());
    onThemeChange(() => this.sidebar.renderTheme(themeSetting()));
    this.sidebar.renderOffline(offlineState());
    onOfflineState((s) => this.sidebar.renderOffline(s));
    window.addEventListener('hashchange', () => this.render());
    // A view stored a dataset (the chaos lab's "Save replay as dataset"): list it in the sidebar.
    window.addEventListener('faultline:datasets-changed', () => void this.refresh());
    // A session was opened (session-open.ts): list the dataset it may have stored, then show its Chaos lab.
    window.addEventListener('faultline:session-opened', () => void this.refresh().then(() => this.render()));

    const endStart = busy();
    markReady();
    await this.refresh();
    this.render();
    try {
      this.workers = await workers;
      setWorkerPending(() => this.workers?.pending() ?? 0);
      this.workers.onCrash((worker, message) => this.crashed(worker, message));
      const w = this.workers;
      window.__faultlineChaos = { crashWorker: (kind) => w.crash(kind) };
      this.render();
    } catch (e) {
      this.banner(`The workers could not start: ${e instanceof Error ? e.message : String(e)}. Import and charts are unavailable; reload to try again.`);
    } finally {
      endStart();
    }
  }

  private async refresh(): Promise<void> {
    await whileBusy(async () => {
      try {
        this.datasets = await listDatasets();
      } catch (e) {
        this.banner(`Could not read the stored datasets: ${e instanceof Error ? e.message : String(e)}.`);
      }
      this.sidebar.renderDatasets(this.datasets, this.currentId());
      this.storage = await storageEstimate();
      this.sidebar.renderStorage(this.storage);
    });
  }

  private currentId(): string | undefined {
    const r = parseRoute(location.hash);
    return r.kind === 'dataset' ? r.id : undefined;
  }

  /** After a batch: one file opens its chart; several open the dataset manager with them all. */
  private finished(stored: DatasetMeta[], files: number): void {
    if (files === 1 && stored.length === 1) navigate(datasetHref(stored[0].id, 'metrics'));
    else if (stored.length) navigate(DATASETS_HREF);
    this.render();
  }

  private async rename(meta: DatasetMeta, name: string): Promise<void> {
    await whileBusy(async () => {
      try {
        await renameDataset(meta.id, name);
      } catch (e) {
        this.banner(`Could not rename ${meta.name}: ${e instanceof Error ? e.message : String(e)}.`);
      }
      await this.refresh();
      this.render();
    });
  }

  private async remove(meta: DatasetMeta): Promise<void> {
    await whileBusy(async () => {
      const wasCurrent = this.currentId() === meta.id;
      if (wasCurrent) this.setView(undefined);
      try {
        await deleteDataset(meta.id);
        await this.workers?.analysis.forget(meta.id).catch(() => undefined); // only a cache
      } catch (e) {
        this.banner(`Could not delete ${meta.name}: ${e instanceof Error ? e.message : String(e)}.`);
      }
      await this.refresh();
      if (wasCurrent) navigate('#/');
      this.render();
    });
  }

  private switchView(view: (typeof DATASET_VIEWS)[number]): void {
    const route = parseRoute(location.hash);
    if (route.kind === 'dataset') navigate(formatRoute({ ...route, view }));
  }

  private render(): void {
    settleRoute();
    const route = parseRoute(location.hash);
    this.sidebar.renderDatasets(this.datasets, route.kind === 'dataset' ? route.id : undefined);
    this.renderTabs(route);
    this.sidebar.renderManagerCurrent(route.kind === 'datasets');
    if (route.kind === 'datasets') {
      document.title = 'Dataset manager — Faultline';
      this.setView(datasetsView(this.datasets, this.storage, { rename: (m, name) => this.rename(m, name), remove: (m) => void this.remove(m) }));
      return;
    }
    if (route.kind === 'home') {
      document.title = 'Faultline — telemetry workbench';
      this.setView(emptyState(this.datasets.length > 0, this.importer.input.id, () => this.importer.loadDemo()));
      return;
    }
    if (route.kind === 'session') {
      document.title = 'Opening a session — Faultline';
      this.setView(this.message('Opening the session…', 'The session is read from the link itself (the part after #); nothing is sent anywhere.'));
      if (this.workers) void openSessionLink(this.workers, route.payload);
      return;
    }
    const meta = this.datasets.find((d) => d.id === route.id);
    if (!meta) {
      this.setView(this.message('Dataset not found', 'It is not stored in this browser (it may have been deleted). Pick another dataset, or import one.'));
      return;
    }
    document.title = `${meta.name} · ${VIEW_TITLES[route.view]} — Faultline`;
    if (route.view === 'overview') return this.setView(overviewView(meta, this.workers));
    if (!this.workers) return this.setView(this.message('Starting…', 'Compiling the WebAssembly kernels and starting the analysis worker.'));
    if (route.view === 'anomalies') return this.setView(anomaliesView(this.workers, meta, route.params));
    if (route.view === 'percentiles') return this.setView(percentilesView(this.workers, meta, route.params));
    if (route.view === 'slos') return this.setView(sloView(this.workers, meta, route.params));
    if (route.view === 'traces') return this.setView(tracesView(this.workers, meta, route.params));
    if (route.view === 'chaos') return this.setView(chaosView(this.workers, meta, route.params));
    this.setView(metricsView(this.workers, meta, route.params));
  }

  private renderTabs(route: Route): void {
    if (route.kind !== 'dataset' || !this.datasets.some((d) => d.id === route.id)) {
      replace(this.tabs);
      this.tabs.hidden = true;
      return;
    }
    this.tabs.hidden = false;
    // Tabs carry the view parameters (range, selection) but not print=1 (the SLO report page).
    const params = new URLSearchParams(route.params);
    params.delete('print');
    replace(
      this.tabs,
      ...DATASET_VIEWS.map((v) =>
        h('a', { class: v === route.view ? 'tab current' : 'tab', attrs: { href: formatRoute({ ...route, params, view: v }), 'aria-current': v === route.view ? 'page' : undefined } }, VIEW_TITLES[v]),
      ),
    );
  }

  private setView(view: ViewHandle | undefined): void {
    this.view?.destroy();
    this.view = view;
    replace(this.content, view?.element);
    view?.mount();
  }

  private message(title: string, text: string): ViewHandle {
    const element = h('section', { class: 'view message-view' }, h('h2', null, title), h('p', { class: 'muted' }, text));
    return { element, mount() {}, destroy() {} };
  }

  private crashed(worker: 'import' | 'analysis', message: string): void {
    const what = worker === 'import' ? 'The import worker crashed' : 'The analysis worker (charts and anomaly detection) crashed';
    this.banner(message, what);
    if (worker === 'analysis') this.render(); // request the chart again from the new worker
  }

  private banner(text: string, title?: string): void {
    const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Dismiss');
    const el = h(
      'div',
      { class: 'notice notice-error', attrs: { role: 'alert' } },
      h('div', { class: 'notice-head' }, title ? h('strong', null, title) : h('p', null, text), h('span', { class: 'toolbar-spacer' }), dismiss),
      title ? h('p', null, text) : null,
    );
    dismiss.addEventListener('click', () => el.remove());
    this.banners.append(el);
  }
}
