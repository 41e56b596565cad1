// The import flows of the UI: files from the "Import telemetry" input, files dropped anywhere on
// the window, and the demo (fetched same-origin), all through the same import worker call.
import * as Comlink from 'comlink';
import type { DatasetMeta } from '../model/series';
import type { ImportProgress } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import { busy } from './idle';
import type { ImportPanel } from './import-panel';

export const DEMO_PATH = 'demo/service-metrics.csv';

export class Importer {
  private queue: Promise<void> = Promise.resolve();
  /** The hidden-able file input, labelled exactly "Import telemetry". */
  readonly input: HTMLInputElement;

  constructor(
    private readonly workers: () => Workers | undefined,
    private readonly panel: ImportPanel,
    private readonly onImported: (meta: DatasetMeta) => void,
  ) {
    this.input = h('input', {
      class: 'file-input',
      attrs: { type: 'file', multiple: true, accept: '.csv,.tsv,.txt,text/csv', 'aria-label': 'Import telemetry', id: 'import-input' },
    });
    this.input.addEventListener('change', () => {
      const files = [...(this.input.files ?? [])];
      this.input.value = '';
      this.importFiles(files);
    });
  }

  /** Imports files one after the other (each atomically). */
  importFiles(files: File[]): void {
    if (!files.length) return;
    this.panel.clearErrors();
    for (const file of files) {
      const end = busy();
      this.queue = this.queue.then(() => this.importOne(file)).finally(end);
    }
  }

  /** Fetches the demo dataset from this origin and imports it like a dropped file. */
  loadDemo(): void {
    const end = busy();
    this.panel.clearErrors();
    void (async () => {
      try {
        const res = await fetch(new URL(DEMO_PATH, document.baseURI));
        if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`);
        const blob = await res.blob();
        this.importFiles([new File([blob], DEMO_PATH.split('/').pop() ?? 'demo.csv', { type: 'text/csv' })]);
      } catch (e) {
        this.panel.message('Could not load the demo', `Fetching the demo file failed: ${e instanceof Error ? e.message : String(e)}.`);
      } finally {
        end();
      }
    })();
  }

  /** Wires dropping files anywhere on the window (with a highlight while dragging). */
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
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      this.importFiles(files);
    });
  }

  private async importOne(file: File): Promise<void> {
    const workers = this.workers();
    if (!workers) {
      this.panel.message(`Could not import ${file.name}`, 'The workers are not running (see the message above); reload the page.');
      return;
    }
    const importId = crypto.randomUUID();
    const progress = this.panel.progress(file.name, file.size, () => void workers.importer.cancel(importId).catch(() => undefined));
    const onProgress = Comlink.proxy((p: ImportProgress) => progress.update(p));
    try {
      const result = await workers.importer.importFile(importId, file, onProgress);
      if (result.ok) this.onImported(result.value);
      else this.panel.error(result.error);
    } catch (e) {
      this.panel.error({ kind: 'internal', file: file.name, message: e instanceof Error ? e.message : String(e) });
    } finally {
      progress.remove();
    }
  }
}
