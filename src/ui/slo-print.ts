// The printable SLO report page (route param print=1): every SLO of the dataset with its numbers, charts,
// alerts and forecast, print-styled (the app's chrome hidden when printing), and a Print button.
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { formatTime } from './format';
import { whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { sloDetail, type SloDetail } from './slo-detail';

export function sloPrintView(workers: Workers, meta: DatasetMeta): ViewHandle {
  const details: SloDetail[] = [];
  let destroyed = false;
  const body = h('div', { class: 'slo-print-body' }, h('p', { class: 'muted', attrs: { role: 'status' } }, 'Evaluating…'));
  const back = h('a', { class: 'btn btn-small', attrs: { href: `#/dataset/${encodeURIComponent(meta.id)}/slos` } }, 'Back to SLOs');
  const print = h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'button' }, on: { click: () => window.print() } }, 'Print');
  const element = h('section', { class: 'view slo-print', attrs: { 'aria-labelledby': 'slo-print-title' } },
    h('header', { class: 'view-header slo-print-head' }, h('h2', { attrs: { id: 'slo-print-title' } }, `SLO report: ${meta.name}`), h('span', { class: 'toolbar-spacer' }), print, back),
    body);
  return {
    element,
    mount() {
      document.body.classList.add('slo-printing');
      void (async () => {
        try {
          const ev = await whileBusy(() => workers.analysis.evaluateSlos(meta.id));
          if (destroyed) return;
          if (ev.problems.length) return replace(body, h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, `The stored SLOs cannot be read: ${ev.problems.join(' ')}`));
          if (!ev.results.length) return replace(body, h('p', { class: 'muted' }, 'This dataset has no SLOs yet.'));
          const sections = ev.results.map((r) => {
            const d = sloDetail(r, undefined, () => undefined);
            details.push(d);
            return h('section', { class: 'slo-print-slo' }, h('h3', null, r.slo.displayName ?? r.slo.name, r.slo.service ? h('span', { class: 'muted' }, ` · service ${r.slo.service}`) : null), d.element);
          });
          replace(body, h('p', { class: 'muted' }, `Generated ${formatTime(Date.now())} UTC from ${meta.name}, evaluated every ${ev.stepMs / 60_000} min. Times are UTC.`), ...sections);
          for (const d of details) d.mount();
        } catch (e) {
          replace(body, h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, `The SLOs could not be evaluated: ${e instanceof Error ? e.message : String(e)}`));
        }
      })();
    },
    destroy() {
      destroyed = true;
      document.body.classList.remove('slo-printing');
      details.forEach((d) => d.destroy());
    },
  };
}
