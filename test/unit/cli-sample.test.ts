// `faultline sample`: kept/lost figures per policy on real files (random:P checked against the ratio rule
// computed here with BigInt from the file's trace ids), a tail policy file, the advisor, usage errors.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SamplingReport } from '../../src/analysis/traces/sampling/sampling-report';
import { runCliCaptured } from './cli-helpers';
import { sharedDir } from './csv-helpers';

const DEMO = join(sharedDir, 'data/formats/otlp-json-traces/otel-demo_collector-file-exporter_traces.jsonl');
const KAFKA = 'test/fixtures/zipkin/zipkin-lens_messaging-kafka.json';

async function reports(...args: string[]): Promise<{ reports: SamplingReport[]; advice?: { recommended: string | null; candidates: { strategy: string; meets: boolean; misses: string[] }[] } }> {
  const { code, out, err } = await runCliCaptured('sample', ...args, '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

/** Trace ids of the demo file with an error span, read with JSON.parse line by line (not through Faultline). */
function demoTraces(): { ids: Set<string>; errors: Set<string> } {
  const ids = new Set<string>();
  const errors = new Set<string>();
  for (const line of readFileSync(DEMO, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    for (const rs of JSON.parse(line).resourceSpans) {
      for (const ss of rs.scopeSpans) {
        for (const s of ss.spans) {
          ids.add(s.traceId);
          if (s.status?.code === 2) errors.add(s.traceId);
        }
      }
    }
  }
  return { ids, errors };
}

describe('faultline sample', () => {
  it('random:0.3 keeps the traces whose 56 rightmost id bits are ≥ 0.7·2^56', async () => {
    const { ids } = demoTraces();
    const threshold = BigInt(Math.round(0.7 * 2 ** 56));
    const want = [...ids].filter((id) => BigInt('0x' + id.slice(-14)) >= threshold).length;
    const [r] = (await reports(DEMO, '--policy', 'random:0.3')).reports;
    expect(r.strategy).toBe('random:0.3');
    expect(r.traces).toEqual({ total: 141, kept: want, share: want / 141 });
    expect(r.spans.total).toBe(547);
  });

  it('errors:0 keeps exactly the traces with an error span; all keeps everything, none nothing', async () => {
    const { errors } = demoTraces();
    const [e] = (await reports(DEMO, '--policy', 'errors:0')).reports;
    expect(e.traces.kept).toBe(errors.size);
    expect(e.errorTraces).toEqual({ total: errors.size, kept: errors.size, share: 1 });
    const [all] = (await reports(DEMO, '--policy', 'all')).reports;
    expect([all.traces.share, all.spans.share, all.bytes.share, all.latency.p99.relativeError]).toEqual([1, 1, 1, 0]);
    const [none] = (await reports(KAFKA, '--policy', 'none')).reports;
    expect(none.traces.kept).toBe(0);
    expect(none.latency.p99.relativeError).toBeNull(); // Infinity in JSON: nothing kept
    expect(none.vanished.services).toEqual(['servicea', 'serviceb']);
  });

  it('tail:FILE replays a collector config and reports its late-span figures', async () => {
    const [r] = (await reports(DEMO, '--policy', 'tail:test/fixtures/sampling/tail-policies.json')).reports;
    expect(r.strategy).toBe('tail:test/fixtures/sampling/tail-policies.json');
    expect(r.errorTraces.share).toBe(1); // the status_code ERROR policy
    expect(Object.keys(r.tail ?? {})).toEqual(['lateSpans', 'lateInherited', 'lateRedecided', 'droppedTooEarly', 'lostSpans', 'decidedIncomplete']);
  });

  it('--advise evaluates the candidates and recommends the cheapest that meets the goals', async () => {
    const j = await reports(DEMO, '--advise', '--policy', 'errors:0.5', '--max-p99-error', '1');
    const strategies = j.advice!.candidates.map((c) => c.strategy);
    expect(strategies).toContain('errors:0.5');
    expect(strategies).toContain('all');
    const rec = j.advice!.recommended;
    expect(rec).not.toBeNull();
    const at = strategies.indexOf(rec!);
    expect(j.advice!.candidates[at].meets).toBe(true);
    expect(j.advice!.candidates.slice(0, at).every((c) => !c.meets)).toBe(true);
    expect(j.reports.map((r) => r.bytes.kept)).toEqual([...j.reports.map((r) => r.bytes.kept)].sort((a, b) => a - b));
    const table = await runCliCaptured('sample', KAFKA, '--advise');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^Goals: error traces kept >= 99\.0 %, p99 error <= 5\.0 %, no service vanishing\n/);
    expect(table.out).toMatch(/\nRecommended: /);
    // One trace: the advice says how little its p99 rests on.
    expect(table.out).toMatch(/\nWith 1 trace recorded, none lies above the p99, so any sample's p99 is fragile/);
  });

  it("--advise on the app's demo traces recommends a policy far cheaper than all: the p99 as a backend estimates it is within 5 %", async () => {
    const j = await reports('public/demo/service-traces.json.gz', '--advise');
    const rec = j.advice!.recommended;
    expect(rec).not.toBeNull();
    expect(rec).not.toBe('all');
    const r = j.reports.find((x) => x.strategy === rec)!;
    expect(r.bytes.share).toBeLessThan(0.25);
    expect(r.errorTraces.share).toBe(1);
    expect(r.latency.p99.relativeError).toBeLessThanOrEqual(0.05);
  });

  it('usage errors exit 2 and say what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[KAFKA], /give --policy POLICY or --advise/],
      [[KAFKA, '--policy', 'random:2'], /random:P needs a probability from 0 to 1/],
      [[KAFKA, '--policy', 'sometimes'], /unknown policy "sometimes"/],
      [[KAFKA, '--policy', 'tail:no/such.json'], /tail:no\/such\.json: cannot read it as JSON/],
    ];
    for (const [args, message] of cases) {
      const r = await runCliCaptured('sample', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
    const dir = await mkdtemp(join(tmpdir(), 'fl-sample-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ policies: [{ name: 'l', type: 'latency', latency: {} }] }));
    const r = await runCliCaptured('sample', KAFKA, '--policy', `tail:${bad}`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('policies[0].latency.threshold_ms: expected a number ≥ 0, got nothing');
  });
});
