// The SLO report of a dataset as Markdown, CSV and a printable HTML page (a string: every value escaped;
// the UI adds charts and the print view). Renders SloSummary values only.

import type { SloSummary } from './summary';

const pct = (x: number | null, digits = 3) => (x === null ? '-' : `${(x * 100).toFixed(digits)} %`);
const fixed = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));
const hours = (h: number | null) => (h === null ? 'never' : h <= 0 ? 'spent' : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`);

interface Cell {
  head: string;
  cell: (s: SloSummary) => string;
}

const COLUMNS: readonly Cell[] = [
  { head: 'SLO', cell: (s) => s.name },
  { head: 'objective', cell: (s) => pct(s.objective) },
  { head: 'window', cell: (s) => `${s.window}, ${s.budgetingMethod}` },
  { head: 'SLI (5m)', cell: (s) => pct(s.sli) },
  { head: 'compliance', cell: (s) => pct(s.compliance) + (s.met === false ? ' (missed)' : '') },
  { head: 'budget left', cell: (s) => pct(s.budgetRemaining, 1) },
  { head: 'burn (1h)', cell: (s) => fixed(s.forecast.recentBurnRate) },
  { head: 'exhausted in', cell: (s) => hours(s.forecast.exhaustionInHours) },
  { head: 'by trend', cell: (s) => hours(s.forecast.exhaustionByTrendInHours) },
  { head: 'alerts', cell: (s) => String(s.alerts.length) },
];

function alertLines(s: SloSummary): string[] {
  return s.alerts.map((a) => `${a.severity} ${a.rule}: ${a.start} → ${a.end ?? 'still firing'} (peak burn ${a.peakBurnRate.toFixed(1)}×)`);
}

function mdEscape(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}

export function sloReportMarkdown(title: string, slos: readonly SloSummary[]): string {
  const out = [`# SLO report: ${mdEscape(title)}`, '', `| ${COLUMNS.map((c) => c.head).join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`];
  for (const s of slos) out.push(`| ${COLUMNS.map((c) => mdEscape(c.cell(s))).join(' | ')} |`);
  for (const s of slos) {
    out.push('', `## ${mdEscape(s.name)}`, '');
    if (s.noData) out.push(`No data: ${mdEscape(s.noData)}. The SLI is undefined, not 100 %.`, '');
    out.push(`Events: ${s.goodEvents} good of ${s.totalEvents}, ${s.from ?? '-'} → ${s.to ?? '-'}.`, '');
    out.push('| rule | severity | factor | long | short | long burn | short burn | firing |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const w of s.burnRates) out.push(`| ${mdEscape(w.rule)} | ${mdEscape(w.severity)} | ${w.factor.toFixed(3)} | ${w.longWindow} | ${w.shortWindow} | ${fixed(w.longBurnRate)} | ${fixed(w.shortBurnRate)} | ${w.firing ? 'yes' : 'no'} |`);
    out.push('', s.alerts.length ? 'Alerts:' : 'No alerts fired.');
    for (const line of alertLines(s)) out.push(`- ${mdEscape(line)}`);
    const f = s.forecast;
    out.push('', `Forecast: budget exhausted in ${hours(f.exhaustionInHours)} at the recent burn rate, ${hours(f.exhaustionByTrendInHours)} by the trend${f.breachAt ? `; breach at ${f.breachAt} if nothing changes` : ''}${f.breachedAt ? `; budget already spent at ${f.breachedAt}` : ''}.`);
    for (const n of s.notes) out.push(`- note: ${mdEscape(n)}`);
  }
  return out.join('\n') + '\n';
}

function csvCell(x: string | number | boolean | null): string {
  const text = x === null ? '' : String(x);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const SLO_CSV_HEADER = ['slo', 'service', 'objective', 'window', 'budgeting_method', 'from', 'to', 'good_events', 'total_events', 'sli', 'compliance', 'met', 'budget_remaining', 'burn_rate_1h', 'exhaustion_hours', 'exhaustion_by_trend_hours', 'breach_at', 'alerts', 'no_data'];

/** One row per SLO; numbers as fractions (0.999), not percent; alerts as "severity rule start/end; …". */
export function sloReportCsv(slos: readonly SloSummary[]): string {
  const rows = slos.map((s) => [s.name, s.service, s.objective, s.window, s.budgetingMethod, s.from, s.to, s.goodEvents, s.totalEvents, s.sli, s.compliance, s.met, s.budgetRemaining, s.forecast.recentBurnRate, s.forecast.exhaustionInHours, s.forecast.exhaustionByTrendInHours, s.forecast.breachAt, s.alerts.map((a) => `${a.severity} ${a.rule} ${a.start}/${a.end ?? ''}`).join('; '), s.noData]);
  return [SLO_CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A self-contained printable page (no script, no external resource). */
export function sloReportHtml(title: string, slos: readonly SloSummary[]): string {
  const e = escapeHtml;
  const head = `<tr>${COLUMNS.map((c) => `<th>${e(c.head)}</th>`).join('')}</tr>`;
  const rows = slos.map((s) => `<tr>${COLUMNS.map((c) => `<td>${e(c.cell(s))}</td>`).join('')}</tr>`).join('\n');
  const sections = slos.map((s) => {
    const windows = s.burnRates.map((w) => `<tr><td>${e(w.rule)}</td><td>${e(w.severity)}</td><td>${w.factor.toFixed(3)}</td><td>${e(w.longWindow)} / ${e(w.shortWindow)}</td><td>${e(fixed(w.longBurnRate))} / ${e(fixed(w.shortBurnRate))}</td><td>${w.firing ? 'yes' : 'no'}</td></tr>`).join('');
    const alerts = alertLines(s).map((l) => `<li>${e(l)}</li>`).join('');
    const notes = s.notes.map((n) => `<li>${e(n)}</li>`).join('');
    return `<section><h2>${e(s.name)}</h2>${s.noData ? `<p class="nodata">No data: ${e(s.noData)}. The SLI is undefined, not 100 %.</p>` : ''}<p>${s.goodEvents} good of ${s.totalEvents} events, ${e(s.from ?? '-')} → ${e(s.to ?? '-')}</p><table><tr><th>rule</th><th>severity</th><th>factor</th><th>long / short</th><th>burn long / short</th><th>firing</th></tr>${windows}</table>${alerts ? `<ul>${alerts}</ul>` : '<p>No alerts fired.</p>'}<p>Breach if nothing changes: ${e(s.forecast.breachAt ?? 'not within reach')}</p>${notes ? `<ul class="notes">${notes}</ul>` : ''}</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SLO report: ${e(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.2em .5em;text-align:left}.nodata{color:#a00}@media print{section{break-inside:avoid}}</style>
</head><body><h1>SLO report: ${e(title)}</h1>
<table>${head}
${rows}</table>
${sections}
</body></html>
`;
}

export const SLO_REPORT_FORMATS = ['md', 'csv', 'html'] as const;
export type SloReportFormat = (typeof SLO_REPORT_FORMATS)[number];

/** The report in one of the formats (the title names the dataset or files). */
export function sloReport(format: SloReportFormat, title: string, slos: readonly SloSummary[]): string {
  return format === 'md' ? sloReportMarkdown(title, slos) : format === 'csv' ? sloReportCsv(slos) : sloReportHtml(title, slos);
}
