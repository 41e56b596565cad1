// The dataset manager rendered in real Chromium: one row per dataset with its format name, trace
// columns only when a dataset has spans, warnings collapsed until asked, telemetry text as text.
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../src/model/series';
import { datasetsView } from '../../src/ui/datasets-view';

const meta = (over: Partial<DatasetMeta> & Record<string, unknown>): DatasetMeta => ({
  id: 'd1', name: 'metrics.csv', fileName: 'metrics.csv', format: 'csv', series: [], seriesCount: 2, pointCount: 240,
  start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 0, 2), bytes: 5000, createdAt: Date.UTC(2024, 5, 1), warnings: [], ...over,
});
const actions = { rename: async () => undefined, remove: () => undefined };
const storage = { usage: 2e6, quota: 1e9, persisted: false };
const headers = (el: HTMLElement): string[] => [...el.querySelectorAll('thead th')].map((th) => th.textContent ?? '');

describe('dataset manager view', () => {
  it('metrics datasets: format names, no trace columns, storage used and available', () => {
    const v = datasetsView([meta({}), meta({ id: 'd2', name: 'scrape', format: 'prometheus-text' })], storage, actions);
    expect(headers(v.element)).not.toContain('Spans');
    expect([...v.element.querySelectorAll('.format-badge')].map((b) => b.textContent)).toEqual(['Prometheus text', 'CSV']);
    expect(v.element.querySelector('[data-testid=storage-panel]')?.textContent).toContain('998 MB available');
  });

  it('trace datasets get traces, spans, services and error spans', () => {
    const traces = meta({ id: 't', name: 'jaeger.json', format: 'jaeger-json', seriesCount: 0, pointCount: 0, traceCount: 4, spanCount: 57, services: ['api', 'db', 'cache'], errorSpanCount: 3 });
    const v = datasetsView([meta({}), traces], storage, actions);
    expect(headers(v.element)).toEqual(expect.arrayContaining(['Traces', 'Spans', 'Services', 'Error spans']));
    const row = v.element.querySelector('tr[data-dataset-id=t]') as HTMLElement;
    expect([...row.querySelectorAll('td.num')].map((td) => td.textContent)).toEqual(['0', '0', '4', '57', '3', '3', expect.stringMatching(/KB$/)]);
    const metricsRow = v.element.querySelector('tr[data-dataset-id=d1]') as HTMLElement;
    expect(metricsRow.textContent).toContain('—');
  });

  it('warnings are collapsed until the toggle is pressed; names stay text', () => {
    const v = datasetsView([meta({ name: '<img src=x onerror=alert(1)>', warnings: ['<b>w1</b>', 'w2'] })], storage, actions);
    document.body.append(v.element);
    const toggle = v.element.querySelector('.warnings-toggle') as HTMLButtonElement;
    const row = v.element.querySelector('tr.warnings-row') as HTMLElement;
    expect(row.hidden).toBe(true);
    toggle.click();
    expect(row.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(row.textContent).toContain('<b>w1</b>');
    expect(v.element.querySelector('img')).toBeNull();
    v.element.remove();
  });
});
