// The progress card of one batch of imports: a row per file (queued, phase, percent, MB/s, Cancel),
// and for several files a header with how many are done and "Cancel all".
import type { ImportProgress } from '../workers/api';
import { h } from './dom';
import { formatBytes } from './format';

const PHASES: Record<string, string> = { reading: 'Reading', parsing: 'Parsing', storing: 'Storing' };

export type RowEnd = 'imported' | 'failed' | 'cancelled';

export interface ProgressRow {
  /** The user asked to cancel this file (before or during its import). */
  readonly cancelRequested: boolean;
  start(): void;
  update(p: ImportProgress): void;
  end(how: RowEnd): void;
}

export interface BatchProgress {
  readonly element: HTMLElement;
  readonly rows: ProgressRow[];
}

const END_TEXT: Record<RowEnd, string> = { imported: 'Imported', failed: 'Failed', cancelled: 'Cancelled' };

/** A card with one row per file; `onCancel(i)` runs when file i's Cancel (or Cancel all) is pressed. */
export function batchProgress(files: readonly { name: string; size: number }[], onCancel: (index: number) => void): BatchProgress {
  const many = files.length > 1;
  let finished = 0;
  const count = h('span', { class: 'progress-count muted' });
  const cancelAll = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Cancel all');
  const renderCount = () => (count.textContent = `${finished} of ${files.length} done`);
  renderCount();
  const rows = files.map((f, i) => progressRow(f.name, f.size, () => onCancel(i), () => {
    finished++;
    renderCount();
    if (finished === files.length) cancelAll.disabled = true;
  }));
  cancelAll.addEventListener('click', () => {
    cancelAll.disabled = true;
    for (const r of rows) r.cancel();
  });
  const element = h(
    'section',
    { class: 'notice progress-card', attrs: { 'aria-label': many ? `Importing ${files.length} files` : `Importing ${files[0]?.name ?? ''}` } },
    many ? h('div', { class: 'progress-head' }, h('strong', null, `Importing ${files.length} files`), count, h('span', { class: 'toolbar-spacer' }), cancelAll) : null,
    h('div', { class: 'progress-rows' }, ...rows.map((r) => r.element)),
  );
  return { element, rows };
}

function progressRow(fileName: string, bytesTotal: number, onCancel: () => void, onEnd: () => void) {
  let started = performance.now();
  let parseRate = NaN;
  let ended = false;
  let cancelRequested = false;
  const bar = h('div', { class: 'progress-fill' });
  const track = h(
    'div',
    { class: 'progress-track', attrs: { role: 'progressbar', 'aria-label': `Importing ${fileName}`, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 } },
    bar,
  );
  const phase = h('span', { class: 'progress-phase' }, 'Queued');
  const percent = h('span', { class: 'progress-percent' }, '—');
  const detail = h('span', { class: 'progress-detail muted' }, formatBytes(bytesTotal));
  const cancel = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': `Cancel ${fileName}` } }, 'Cancel');
  const element = h(
    'div',
    { class: 'progress-row queued', attrs: { 'data-testid': 'import-progress' } },
    h('strong', { class: 'file-name', attrs: { title: fileName } }, fileName),
    phase,
    track,
    percent,
    detail,
    cancel,
  );
  const doCancel = (): void => {
    if (ended || cancelRequested) return;
    cancelRequested = true;
    cancel.disabled = true;
    cancel.textContent = 'Cancelling…';
    onCancel();
  };
  cancel.addEventListener('click', doCancel);
  return {
    element,
    cancel: doCancel,
    get cancelRequested() {
      return cancelRequested;
    },
    start() {
      started = performance.now();
      element.classList.replace('queued', 'running');
      phase.textContent = 'Starting';
      percent.textContent = '0%';
    },
    update(p: ImportProgress) {
      if (ended) return;
      const total = p.bytesTotal || bytesTotal;
      const pct = total > 0 ? Math.min(100, Math.floor((p.bytesRead / total) * 100)) : 0;
      bar.style.width = `${pct}%`;
      track.setAttribute('aria-valuenow', String(pct));
      phase.textContent = PHASES[p.phase] ?? p.phase;
      percent.textContent = `${pct}%`;
      const seconds = (performance.now() - started) / 1000;
      if (p.phase !== 'storing' && seconds > 0.05) parseRate = p.bytesRead / seconds;
      const rate = Number.isFinite(parseRate) ? ` · ${(parseRate / 1e6).toFixed(1)} MB/s` : '';
      detail.textContent = `${formatBytes(p.bytesRead)} of ${formatBytes(total)}${rate}`;
    },
    end(how: RowEnd) {
      if (ended) return;
      ended = true;
      element.classList.remove('queued', 'running');
      element.classList.add(`ended-${how}`);
      phase.textContent = END_TEXT[how];
      if (how === 'imported') {
        bar.style.width = '100%';
        track.setAttribute('aria-valuenow', '100');
        percent.textContent = '100%';
      }
      cancel.hidden = true;
      onEnd();
    },
  };
}
