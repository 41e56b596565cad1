// Human names of the detected formats (DatasetMeta.format ids, plus their compression) for the dataset
// list, manager and import results; an id not listed here is shown spelled out from its id, never hidden.

const NAMES: Record<string, string> = {
  csv: 'CSV',
  prometheus: 'Prometheus text',
  'prometheus-text': 'Prometheus text',
  openmetrics: 'OpenMetrics',
  'openmetrics-text': 'OpenMetrics',
  'prometheus-json': 'Prometheus API JSON',
  'prometheus-api-json': 'Prometheus API JSON',
  'prometheus-query-range-json': 'Prometheus API JSON',
  'otlp-json': 'OTLP/JSON',
  'otlp-json-metrics': 'OTLP/JSON metrics',
  'otlp-json-traces': 'OTLP/JSON traces',
  'otlp-metrics': 'OTLP/JSON metrics',
  'otlp-traces': 'OTLP/JSON traces',
  jaeger: 'Jaeger JSON',
  'jaeger-json': 'Jaeger JSON',
  zipkin: 'Zipkin v2 JSON',
  'zipkin-json': 'Zipkin v2 JSON',
  'zipkin-v2-json': 'Zipkin v2 JSON',
};

const ACRONYMS = new Set(['csv', 'json', 'jsonl', 'otlp', 'api', 'tsdb']);

/** "prometheus-text" → "Prometheus text"; a gzip wrapper ("…+gzip", "gzip:…") is named as such. */
export function formatName(id: string): string {
  const gz = /^gzip[:+]|[+:]gzip$/i;
  if (gz.test(id)) return `${formatName(id.replace(gz, ''))} (gzip)`;
  const known = NAMES[id.toLowerCase()];
  if (known) return known;
  const words = id.split(/[-_\s]+/).filter(Boolean);
  if (!words.length) return 'Unknown format';
  return words
    .map((w, i) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** The format as the user should see it, with the file's compression: "OTLP/JSON traces (gzip)". */
export function datasetFormatName(d: { format: string; compression?: string }): string {
  return formatName(d.compression ? `${d.format}+${d.compression}` : d.format);
}
