// NAB label files in a drop (combined_windows.json / combined_labels.json, told by content in the import
// worker): set apart from telemetry, attached after the imports, reported in a card; unmatched keys wait
// in the store for their CSVs.
import { keyBasename, type NabLabelFile } from '../model/labels';
import type { DatasetMeta } from '../model/series';
import type { LabelAttachReport } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import type { ImportPanel } from './import-panel';

export class NabLabelDrop {
  /** Label files of the last drop, to attach after its imports. */
  private incoming: NabLabelFile[] = [];

  constructor(private readonly workers: () => Workers | undefined, private readonly panel: ImportPanel) {}

  /** Sets label files apart (malformed ones get an error card); resolves with the telemetry files. */
  async split(files: File[]): Promise<File[]> {
    const importer = this.workers()?.importer;
    if (!importer) return files;
    const telemetry: File[] = [];
    for (const file of files) {
      const read = await importer.readLabelFile(file).catch(() => ({ kind: 'not-labels' as const }));
      if (read.kind === 'not-labels') telemetry.push(file);
      else if (read.kind === 'labels') this.incoming.push(read.labels);
      else this.panel.message(`Could not read the NAB labels in ${read.file}`, `${read.message} Nothing was attached.`);
    }
    return telemetry;
  }

  /**
   * Attaches the drop's label files, then the entries that waited for their CSVs (kept in the store by
   * the import worker, across reloads); resolves with the datasets that got windows.
   */
  async attach(): Promise<DatasetMeta[]> {
    const importer = this.workers()?.importer;
    if (!importer) return [];
    const fresh = this.incoming;
    this.incoming = [];
    const touched: DatasetMeta[] = [];
    const show = (report: LabelAttachReport, isNew: boolean): void => {
      if (isNew || report.attached.length) this.panel.element.append(labelCard(report, isNew));
      for (const a of report.attached) touched.push(a.meta);
    };
    const failed = (source: string, e: unknown): void =>
      this.panel.message(`Could not attach the NAB labels of ${source}`, e instanceof Error ? e.message : String(e));
    for (const file of fresh) {
      try {
        show(await importer.attachLabels(file), true);
      } catch (e) {
        failed(file.source, e);
      }
    }
    try {
      for (const report of await importer.attachPendingLabels(fresh.map((f) => f.source))) show(report, false);
    } catch (e) {
      failed('earlier drops', e);
    }
    return touched;
  }
}

/** What a label file did: windows attached per dataset, keys without a dataset, keys that do not fit. */
function labelCard(r: LabelAttachReport, fromThisDrop: boolean): HTMLElement {
  const attached = new Set(r.attached.map((a) => a.key)).size;
  const keys = attached + r.unmatched.length + r.problems.length;
  const title = `NAB labels from ${r.source}: ${attached} of ${keys} files labelled`;
  const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': `Dismiss: ${title}` } }, 'Dismiss');
  const derived = r.kind === 'labels' ? ' (windows worked out from the label times with NAB’s labeller rule: 10% of the rows shared among the labels)' : '';
  const unmatchedNames = r.unmatched.map(keyBasename);
  const shown = unmatchedNames.slice(0, 8).join(', ') + (unmatchedNames.length > 8 ? ` and ${unmatchedNames.length - 8} more` : '');
  const card = h(
    'section',
    { class: r.problems.length ? 'notice notice-error nab-labels-result' : 'notice notice-info nab-labels-result', attrs: { role: r.problems.length ? 'alert' : 'status', 'aria-label': 'NAB labels', 'data-testid': 'nab-labels-result' } },
    h('div', { class: 'notice-head' }, h('strong', null, title), h('span', { class: 'toolbar-spacer' }), dismiss),
    r.attached.length
      ? h('ul', { class: 'result-list' }, ...r.attached.map((a) => h('li', null, `${a.meta.name}: ${a.windows} labelled ${a.windows === 1 ? 'window' : 'windows'}${derived}. See it in the Anomalies view.`)))
      : null,
    r.problems.length ? h('ul', { class: 'result-list' }, ...r.problems.map((p) => h('li', { class: 'error-message' }, `${p}; not attached.`))) : null,
    r.unmatched.length
      ? h('p', { class: 'muted' }, `${fromThisDrop ? 'No' : 'Still no'} dataset for ${shown}. They wait (also after a reload): drop ${r.unmatched.length === 1 ? 'that CSV' : 'those CSVs'} and the windows are attached.`)
      : null,
  );
  dismiss.addEventListener('click', () => card.remove());
  return card;
}
