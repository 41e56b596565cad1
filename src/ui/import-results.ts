// The outcome of a batch of several imports, file by file: imported (format, series, points, a link)
// or failed (the error as text and its next step) or cancelled; plus notes about the drop itself.
import type { ImportError } from '../model/errors';
import { nextStep } from '../model/errors';
import type { DatasetMeta } from '../model/series';
import { h } from './dom';
import { countsText } from './dataset-facts';
import { datasetFormatName } from './format-names';
import { datasetHref } from './router';

export type ImportOutcome = { file: string; ok: true; meta: DatasetMeta } | { file: string; ok: false; error: ImportError };

/** A dismissible card listing every file's outcome; an alert when any file failed. */
export function batchResults(outcomes: readonly ImportOutcome[], notes: readonly string[], onDismiss: (card: HTMLElement) => void): HTMLElement {
  const imported = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.filter((o) => !o.ok && o.error.kind !== 'cancelled').length;
  const cancelled = outcomes.length - imported - failed;
  const parts = [`${imported} of ${outcomes.length} files imported`];
  if (failed) parts.push(`${failed} failed`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  const title = parts.join(' · ');
  const dismiss = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': `Dismiss: ${title}` } }, 'Dismiss');
  const card = h(
    'section',
    {
      class: failed ? 'notice notice-error import-results' : 'notice notice-info import-results',
      attrs: { role: failed ? 'alert' : 'status', 'aria-label': 'Import results', 'data-testid': 'import-results' },
    },
    h(
      'div',
      { class: 'notice-head' },
      h('strong', null, title),
      h('span', { class: 'toolbar-spacer' }),
      imported ? h('a', { class: 'btn btn-small', attrs: { href: '#/datasets' } }, 'Dataset manager') : null,
      dismiss,
    ),
    h('ul', { class: 'result-list' }, ...outcomes.map(resultItem)),
    notes.length ? h('ul', { class: 'result-notes muted' }, ...notes.map((n) => h('li', null, n))) : null,
  );
  dismiss.addEventListener('click', () => onDismiss(card));
  return card;
}

function resultItem(o: ImportOutcome): HTMLElement {
  if (o.ok) {
    const m = o.meta;
    return h(
      'li',
      { class: 'result result-ok', attrs: { 'data-result': 'imported' } },
      h('span', { class: 'result-icon', attrs: { 'aria-hidden': 'true' } }, '✓'),
      h('a', { class: 'result-file', attrs: { href: datasetHref(m.id, 'metrics') } }, o.file),
      h('span', { class: 'result-status' }, 'Imported'),
      h('span', { class: 'result-detail muted' }, `${datasetFormatName(m)} · ${countsText(m)}${m.warnings.length ? ` · ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'}` : ''}`),
    );
  }
  const e = o.error;
  const wasCancelled = e.kind === 'cancelled';
  return h(
    'li',
    { class: wasCancelled ? 'result result-cancelled' : 'result result-failed', attrs: { 'data-result': wasCancelled ? 'cancelled' : 'failed', 'data-error-kind': e.kind } },
    h('span', { class: 'result-icon', attrs: { 'aria-hidden': 'true' } }, wasCancelled ? '–' : '✕'),
    h('span', { class: 'result-file' }, o.file),
    h('span', { class: 'result-status' }, wasCancelled ? 'Cancelled' : 'Failed'),
    h(
      'span',
      { class: 'result-detail' },
      wasCancelled ? null : h('span', { class: 'error-message' }, e.message),
      h('span', { class: 'next-step' }, nextStep(e)),
    ),
  );
}
