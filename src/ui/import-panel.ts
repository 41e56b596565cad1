// Import feedback: the progress bar of the running import (percent, MB/s, phase, Cancel) and the
// error notices of failed imports (message and next step, rendered as text), each dismissible.
import type { ImportError } from '../model/errors';
import { nextStep } from '../model/errors';
import type { ImportProgress } from '../workers/api';
import { h, replace } from './dom';
import { formatBytes } from './format';

export interface ProgressHandle {
  update(p: ImportProgress): void;
  remove(): void;
}

const PHASES: Record<string, string> = { reading: 'Reading', parsing: 'Parsing', storing: 'Storing' };

export class ImportPanel {
  readonly element = h('div', { class: 'import-panel', attrs: { 'aria-live': 'polite' } });

  /** Shows a progress bar for one import; `onCancel` runs when the user presses Cancel. */
  progress(fileName: string, bytesTotal: number, onCancel: () => void): ProgressHandle {
    const started = performance.now();
    let parseRate = NaN;
    const bar = h('div', { class: 'progress-fill' });
    const track = h(
      'div',
      {
        class: 'progress-track',
        attrs: { role: 'progressbar', 'aria-label': `Importing ${fileName}`, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 },
      },
      bar,
    );
    const phase = h('span', { class: 'progress-phase' }, 'Starting');
    const percent = h('span', { class: 'progress-percent' }, '0%');
    const detail = h('span', { class: 'progress-detail muted' }, formatBytes(bytesTotal));
    const cancel = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Cancel');
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      cancel.textContent = 'Cancelling…';
      onCancel();
    });
    const card = h(
      'div',
      { class: 'notice progress-card', attrs: { 'data-testid': 'import-progress' } },
      h('div', { class: 'progress-head' }, h('strong', { class: 'file-name' }, fileName), phase, percent, h('span', { class: 'toolbar-spacer' }), detail, cancel),
      track,
    );
    this.element.prepend(card);
    return {
      update(p) {
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
      remove() {
        card.remove();
      },
    };
  }

  /** A failed (or cancelled) import: what went wrong, where, and what to do. */
  error(e: ImportError): void {
    const cancelled = e.kind === 'cancelled';
    const title = cancelled ? `Import of ${e.file} cancelled` : `Could not import ${e.file}`;
    const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': `Dismiss: ${title}` } }, 'Dismiss');
    const card = h(
      'div',
      { class: cancelled ? 'notice notice-info' : 'notice notice-error', attrs: { role: cancelled ? 'status' : 'alert', 'data-error-kind': e.kind } },
      h('div', { class: 'notice-head' }, h('strong', null, title), h('span', { class: 'toolbar-spacer' }), dismiss),
      cancelled ? null : h('p', { class: 'error-message' }, e.message),
      h('p', { class: 'next-step' }, nextStep(e)),
    );
    dismiss.addEventListener('click', () => card.remove());
    this.element.append(card);
  }

  /** A problem that is not one file's (e.g. the demo could not be fetched). */
  message(title: string, text: string): void {
    const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Dismiss');
    const card = h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, h('div', { class: 'notice-head' }, h('strong', null, title), h('span', { class: 'toolbar-spacer' }), dismiss), h('p', null, text));
    dismiss.addEventListener('click', () => card.remove());
    this.element.append(card);
  }

  clearErrors(): void {
    for (const el of [...this.element.querySelectorAll('.notice-error, .notice-info')]) el.remove();
  }

  clear(): void {
    replace(this.element);
  }
}
