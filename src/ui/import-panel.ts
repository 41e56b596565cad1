// Import feedback above the views: the progress card of each running batch of imports, the per-file
// results of a batch of several files, and error notices of single failed imports (message and next
// step, rendered as text), each dismissible.
import type { ImportError } from '../model/errors';
import { nextStep } from '../model/errors';
import { h, replace } from './dom';
import { batchProgress, type BatchProgress } from './import-progress';
import { batchResults, type ImportOutcome } from './import-results';

export class ImportPanel {
  readonly element = h('div', { class: 'import-panel', attrs: { 'aria-live': 'polite' } });

  /** Shows the progress card of a batch; `onCancel(i)` runs when file i is cancelled. */
  batch(files: readonly { name: string; size: number }[], onCancel: (index: number) => void): BatchProgress & { remove(): void } {
    const b = batchProgress(files, onCancel);
    this.element.prepend(b.element);
    return { ...b, remove: () => b.element.remove() };
  }

  /** The outcome of a batch of several files, file by file. */
  results(outcomes: readonly ImportOutcome[], notes: readonly string[]): void {
    this.element.append(batchResults(outcomes, notes, (card) => card.remove()));
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

  /** A problem that is not one file's (e.g. the demo could not be fetched); `info` for a note. */
  message(title: string, text: string, info = false): void {
    const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button' } }, 'Dismiss');
    const card = h(
      'div',
      { class: info ? 'notice notice-info' : 'notice notice-error', attrs: { role: info ? 'status' : 'alert' } },
      h('div', { class: 'notice-head' }, h('strong', null, title), h('span', { class: 'toolbar-spacer' }), dismiss),
      h('p', null, text),
    );
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
