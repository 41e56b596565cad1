// The span details panel of the waterfall: ids, parent, timing (self time, critical-path time, skew shift),
// status and what the root-cause analysis says of the span, then its attributes, events and links, all as text.

import type { SpanDetail } from '../workers/api-traces';
import { h, type Child } from './dom';
import { formatTime } from './format';
import { formatMicros } from './waterfall-layout';

function pairs(caption: string, list: [string, string][]): HTMLElement {
  if (!list.length) return h('p', { class: 'muted' }, `No ${caption.toLowerCase()}.`);
  return h(
    'table',
    { class: 'kv-table' },
    h('caption', null, caption),
    h('tbody', null, ...list.map(([k, v]) => h('tr', null, h('th', { attrs: { scope: 'row' } }, k), h('td', null, v)))),
  );
}

function facts(list: [string, Child][]): HTMLElement {
  return h('dl', { class: 'span-facts' }, ...list.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** What the analysis says of the span, as a notice (root cause, propagated error, missing parent, skew). */
function verdicts(d: SpanDetail): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (d.rootCause) out.push(h('p', { class: 'span-verdict root-cause', attrs: { role: 'note' } }, h('strong', null, 'Root cause'), ': the deepest error span without errored children — the failure started here, the errors above it propagated.'));
  else if (d.errorOrigin) out.push(h('p', { class: 'span-verdict root-cause', attrs: { role: 'note' } }, h('strong', null, 'Error origin'), ': an error without errored children, independent of the trace\'s root cause.'));
  else if (d.propagated) out.push(h('p', { class: 'span-verdict propagated', attrs: { role: 'note' } }, h('strong', null, 'Propagated error'), ': a span below this one failed first.'));
  if (d.placeholder) out.push(h('p', { class: 'span-verdict missing', attrs: { role: 'note' } }, h('strong', null, 'Missing parent'), `: span ${d.spanId} is named as a parent but is not in the data; its ${d.children} orphan span${d.children === 1 ? '' : 's'} hang${d.children === 1 ? 's' : ''} here.`));
  else if (d.parentMissing) out.push(h('p', { class: 'span-verdict missing', attrs: { role: 'note' } }, `Its parent ${d.parentSpanId} is not in the data (shown under a placeholder).`));
  if (d.skewShiftUs) out.push(h('p', { class: 'span-verdict skew', attrs: { role: 'note' } }, h('strong', null, 'Clock skew adjusted'), `: moved by ${formatMicros(d.skewShiftUs)} to fit inside its parent.`));
  return out;
}

export function spanPanel(d: SpanDetail, close: () => void): HTMLElement {
  const title = d.placeholder ? d.operation : `${d.service} · ${d.operation}`;
  const timing: [string, Child][] = [
    ['Start', `+${formatMicros(d.offsetUs)} (${formatTime(d.startUs / 1000)} UTC)`],
    ['Duration', formatMicros(d.durationUs)],
  ];
  if (!d.placeholder) timing.push(['Self time', formatMicros(d.selfUs)]);
  timing.push(['On the critical path', d.criticalUs > 0 ? formatMicros(d.criticalUs) : 'no']);
  const ids: [string, Child][] = d.placeholder
    ? [['Missing span', d.spanId], ['Orphans', String(d.children)]]
    : [
        ['Span', d.spanId],
        ['Parent', d.parentSpanId ? `${d.parentSpanId}${d.parentMissing ? ' (missing)' : ''}` : '— (root)'],
        ['Trace', d.traceId],
        ['Kind', d.kind],
        ['Status', d.statusMessage ? `${d.status}: ${d.statusMessage}` : d.status],
      ];
  return h(
    'aside',
    { class: 'span-panel', attrs: { 'aria-labelledby': 'span-panel-title' } },
    h(
      'header',
      { class: 'span-panel-head' },
      h('h3', { attrs: { id: 'span-panel-title' } }, title),
      h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button', 'aria-label': 'Close span details' }, on: { click: close } }, '×'),
    ),
    ...verdicts(d),
    facts([...ids, ...timing]),
    d.placeholder ? null : pairs('Attributes', d.attributes),
    d.placeholder
      ? null
      : h(
          'section',
          { class: 'span-events' },
          h('h4', null, `Events (${d.events.length})`),
          d.events.length
            ? h('ol', null, ...d.events.map((e) => h('li', null, h('span', { class: 'muted' }, `+${formatMicros(e.offsetUs)} `), h('strong', null, e.name), e.attributes.length ? pairs('Event attributes', e.attributes) : null)))
            : h('p', { class: 'muted' }, 'No events.'),
        ),
    d.placeholder
      ? null
      : h(
          'section',
          { class: 'span-links' },
          h('h4', null, `Links (${d.links.length})`),
          d.links.length
            ? h('ul', null, ...d.links.map((l) => h('li', null, `${l.type} → span ${l.spanId} of trace ${l.traceId}${l.inData ? '' : ' (not in the data)'}`)))
            : h('p', { class: 'muted' }, 'No links.'),
        ),
  );
}
