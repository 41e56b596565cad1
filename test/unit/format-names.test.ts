// Human names of detected format ids: known ids, gzip wrappers, and unknown ids spelled out.
import { describe, expect, it } from 'vitest';
import { formatName } from '../../src/ui/format-names';

describe('formatName', () => {
  it('names the known formats', () => {
    expect(formatName('csv')).toBe('CSV');
    expect(formatName('openmetrics')).toBe('OpenMetrics');
    expect(formatName('prometheus-text')).toBe('Prometheus text');
    expect(formatName('jaeger-json')).toBe('Jaeger JSON');
  });
  it('names gzip-wrapped formats', () => {
    expect(formatName('csv+gzip')).toBe('CSV (gzip)');
    expect(formatName('gzip:zipkin-json')).toBe('Zipkin v2 JSON (gzip)');
  });
  it('spells out an unknown id instead of hiding it', () => {
    expect(formatName('otlp-jsonl-logs')).toBe('OTLP JSONL logs');
    expect(formatName('influx_line')).toBe('Influx line');
    expect(formatName('')).toBe('Unknown format');
  });
});
