// The import flows of the UI: files from the "Import telemetry" input, files and folders dropped
// anywhere on the window, and the demo (fetched same-origin). Each file is its own import, run one
// after the other through the import worker, with its own progress row, cancel and result.
import * as Comlink from 'comlink';
import type { ImportError } from '../model/errors';
import type { DatasetMeta } from '../model/series';
import type { ImportProgress } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import { collectDroppedFiles, dropRoots } from './dropped-files';
import { busy } from './idle';
import type { ImportPanel } from './import-panel';
import type { ProgressRow } from './import-progress';
import type { ImportOutcome } from './import-results';
import { NabLabelDrop } from './nab-label-drop';
import { splitSessions } from './session-open';

export const DEMO_PATH = 'demo/service-metrics.csv';
/** The traces of the same incident (gzip OTLP/JSON Lines; the registry unwraps gzip by its magic bytes). */
export const DEMO_TRACES_PATH = 'demo/service-traces.json.gz';

export interface ImporterEvents {
  /** One file was stored (lists should show it now). */
  imported(meta: DatasetMeta): Promise<void>;
  /** A batch ended: the datasets it stored, out of `files` files. */
  finished(stored: DatasetMeta[], files: number): void;
}

export class Importer {
  private queue: Promise<void> = Promise.resolve();
  /** The hidden-able file input, labelled exactly "Import telemetry" (several files at once). */
  readonly input: HTMLInputElement;
  private readonly labels: NabLabelDrop;

  constructor(
    private readonly workers: () => Workers | undefined,
    private readonly panel: ImportPanel,
    private readonly events: ImporterEvents,
  ) {
    this.labels = new NabLabelDrop(workers, panel);
    // No `accept` filter: formats are sniffed by content, whatever the file is called.
    this.input = h('input', { class: 'file-input', attrs: { type: 'file', multiple: true, 'aria-label': 'Import telemetry', id: 'import-input' } });
    this.input.addEventListener('change', () => {
      const files = [...(this.input.files ?? [])];
      this.input.value = '';
      this.importFiles(files);
    });
  }

  /**
   * Imports files one after the other, each atomically and as its own dataset; NAB label files among
   * them are not datasets: their windows are attached to the datasets they name, after the imports.
   * `notes` come from the drop. With `landOnFirst`, the batch ends as if only its first file had been
   * imported (the demo lands on the metrics chart although it also stores traces).
   */
  importFiles(files: File[], notes: readonly string[] = [], landOnFirst = false): void {
    if (!files.length) {
      if (notes.length) this.panel.message('Nothing to import', notes.join(' '), true);
      return;
    }
    this.panel.clearErrors();
    const end = busy();
    this.queue = this.queue
      .then(async () => {
        const telemetry = await this.labels.split(await splitSessions(this.workers(), files));
        const stored = telemetry.length ? await this.importBatch(telemetry, notes) : [];
        if (!telemetry.length && notes.length) this.panel.message('About this drop', notes.join(' '), true);
        const labelled = await this.labels.attach();
        for (const meta of labelled) await this.events.imported(meta);
        const first = stored.filter((m) => m.name === telemetry[0]?.name);
        if (landOnFirst && first.length) this.events.finished(first, 1);
        else if (telemetry.length || labelled.length) this.events.finished(stored, telemetry.length);
      })
      .finally(end);
  }

  /** Imports telemetry files in order; resolves with the datasets stored. */
  private importBatch(files: File[], notes: readonly string[]): Promise<DatasetMeta[]> {
    // Which file is in the worker now: Cancel on its row stops the worker; on a queued row it skips the file.
    let runningIndex = -1;
    let runningId = '';
    const batch = this.panel.batch(files, (index) => {
      if (index === runningIndex) void this.workers()?.importer.cancel(runningId).catch(() => undefined);
    });
    return (async () => {
      const outcomes: ImportOutcome[] = [];
      for (let i = 0; i < files.length; i++) {
        const row = batch.rows[i];
        const file = files[i];
        let outcome: ImportOutcome;
        if (row.cancelRequested) outcome = { file: file.name, ok: false, error: cancelledBeforeStart(file.name) };
        else {
          runningId = crypto.randomUUID();
          runningIndex = i;
          outcome = await this.importOne(file, runningId, row);
          runningIndex = -1;
        }
        row.end(outcome.ok ? 'imported' : outcome.error.kind === 'cancelled' ? 'cancelled' : 'failed');
        outcomes.push(outcome);
        if (outcome.ok) await this.events.imported(outcome.meta);
      }
      batch.remove();
      if (files.length === 1) {
        const only = outcomes[0];
        if (!only.ok) this.panel.error(only.error);
        if (notes.length) this.panel.message('About this drop', notes.join(' '), true);
      } else {
        this.panel.results(outcomes, notes);
      }
      return outcomes.flatMap((o) => (o.ok ? [o.meta] : []));
    })();
  }

  /** Fetches the demo datasets (metrics, then traces) from this origin and imports them like dropped files. */
  loadDemo(): void {
    const end = busy();
    this.panel.clearErrors();
    void (async () => {
      try {
        const fetchFile = async (path: string, name: string, type: string): Promise<File> => {
          const res = await fetch(new URL(path, document.baseURI));
          if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText} for ${path}`);
          return new File([await res.blob()], name, { type });
        };
        const metrics = await fetchFile(DEMO_PATH, DEMO_PATH.split('/').pop() ?? 'demo.csv', 'text/csv');
        const traces = await fetchFile(DEMO_TRACES_PATH, 'service-traces.otlp.json', 'application/gzip');
        this.importFiles([metrics, traces], [], true);
      } catch (e) {
        this.panel.message('Could not load the demo', `Fetching the demo file failed: ${e instanceof Error ? e.message : String(e)}.`);
      } finally {
        end();
      }
    })();
  }

  /** Wires dropping files and folders anywhere on the window (with a highlight while dragging). */
  installDropTarget(overlay: HTMLElement): void {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener('drop', (e) => {
      depth = 0;
      overlay.hidden = true;
      if (!e.dataTransfer) return;
      const { entries, loose } = dropRoots(e.dataTransfer); // only valid during the event
      if (!entries.length && !loose.length) return;
      e.preventDefault();
      const end = busy();
      collectDroppedFiles(entries, loose)
        .then(({ files, notes }) => this.importFiles(files, notes))
        .catch((err: unknown) => this.panel.message('Could not read the dropped files', err instanceof Error ? err.message : String(err)))
        .finally(end);
    });
  }

  private async importOne(file: File, importId: string, row: ProgressRow): Promise<ImportOutcome> {
    const workers = this.workers();
    if (!workers) {
      const message = `${file.name}: the workers are not running (see the message above); reload the page.`;
      return { file: file.name, ok: false, error: { kind: 'internal', file: file.name, message } };
    }
    row.start();
    const onProgress = Comlink.proxy((p: ImportProgress) => row.update(p));
    try {
      const result = await workers.importer.importFile(importId, file, onProgress);
      return result.ok ? { file: file.name, ok: true, meta: result.value } : { file: file.name, ok: false, error: result.error };
    } catch (e) {
      return { file: file.name, ok: false, error: { kind: 'internal', file: file.name, message: e instanceof Error ? e.message : String(e) } };
    }
  }
}

function cancelledBeforeStart(file: string): ImportError {
  return { kind: 'cancelled', file, message: `Import of ${file} was cancelled before it started; nothing was stored.` };
}
