// Redaction on export: label and attribute values become per-key pseudonyms in order of first appearance,
// service names the same in series, spans and the scenario; no original value is left in the file.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSession } from '../../src/session/build';
import { decodeSession, encodeSession } from '../../src/session/codec';
import { datasetFingerprint } from '../../src/session/fingerprint';
import { redact } from '../../src/session/redact';
import { spanAttributes } from '../../src/model/traces';
import { sessionScenario, sessionSeries, sessionTraces } from './session-fixtures';

describe('redaction', () => {
  it('numbers values per key in order of first appearance, the same value always the same pseudonym', () => {
    const r = redact(sessionSeries(), sessionTraces(), sessionScenario(), 'prod-shop.csv');
    expect(r.series.map((s) => s.labels)).toEqual([
      { region: 'region-1', service: 'service-1' },
      { region: 'region-1', service: 'service-2' },
      { service: 'service-3' },
    ]);
    expect(r.traces!.services).toEqual(['service-1', 'service-2']);
    expect(spanAttributes(r.traces!, 0)).toEqual([['http.url', 'http.url-1']]);
    expect(spanAttributes(r.traces!, 1)).toEqual([['peer.service', 'service-2']]);
    expect(r.traces!.details.strings[r.traces!.details.statusMessage[1]]).toBe('status.message-1');
  });

  it('rewrites fault targets, partition groups, policy edges and SLO selectors consistently', () => {
    const r = redact(sessionSeries(), sessionTraces(), sessionScenario(), 'prod-shop.csv');
    expect(r.scenario.faults[0].targets).toEqual(['service-2']);
    const partition = r.scenario.faults[1];
    expect(partition.kind === 'network-partition' && [partition.targets, partition.groupB]).toEqual([['service-1'], ['service-2']]);
    expect(Object.keys(r.scenario.policies)).toEqual(['service-1>service-2']);
    const slo = r.scenario.slos[0];
    expect(slo.service).toBe('service-2');
    expect(slo.sli.kind === 'ratio' && slo.sli.events.from === 'counters' && slo.sli.events.bad?.matchers[0].value).toBe('service-2');
  });

  it('leaves no original value in the exported file, and the fingerprint is of the redacted data', async () => {
    const s = await buildSession({ series: sessionSeries(), traces: sessionTraces(), name: 'prod-shop.csv' }, sessionScenario(), { params: {} }, { embed: false, redact: true });
    expect(s.redacted).toBe(true);
    expect(s.dataset.embedded).toBeDefined();
    const bytes = await encodeSession(s);
    const text = gunzipSync(bytes).toString('utf8');
    for (const secret of ['checkout', 'payment', 'eu-west', 'alice', 'card declined', 'prod-shop', '<script>']) expect(text).not.toContain(secret);
    const r = await decodeSession(bytes);
    if (!r.ok) throw new Error(r.error.message);
    const redacted = redact(sessionSeries(), sessionTraces(), sessionScenario(), 'prod-shop.csv');
    expect(r.value.session.dataset.fingerprint).toBe(await datasetFingerprint(redacted.series, redacted.traces));
    expect(r.value.session.dataset.fingerprint).not.toBe(await datasetFingerprint(sessionSeries(), sessionTraces()));
    expect(r.value.session.scenario).toEqual(redacted.scenario);
  });

  it('rewrites a service named by a series name prefix and the dataset name as services', () => {
    const t = Float64Array.of(1, 2);
    const series = [{ name: 'cart.latency_ms', labels: {}, t, v: t }, { name: 'queue_depth', labels: {}, t, v: t }];
    const scenario = { ...sessionScenario(), faults: [{ kind: 'cpu-spike' as const, startMs: 0, durationMs: 1, targets: ['cart', 'shop-metrics'], loadPct: 50 }], policies: {}, slos: [] };
    const r = redact(series, undefined, scenario, 'exports/shop-metrics.csv');
    expect(r.series.map((s) => s.name)).toEqual(['service-1.latency_ms', 'queue_depth']);
    expect(r.datasetName).toBe('service-2');
    expect(r.scenario.faults[0].targets).toEqual(['service-1', 'service-2']);
  });

  it('is stable: redacting twice gives the same bytes to hash', async () => {
    const a = redact(sessionSeries(), sessionTraces(), sessionScenario(), 'prod-shop.csv');
    const b = redact(sessionSeries(), sessionTraces(), sessionScenario(), 'prod-shop.csv');
    expect(await datasetFingerprint(a.series, a.traces)).toBe(await datasetFingerprint(b.series, b.traces));
  });
});
