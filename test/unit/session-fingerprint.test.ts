// Dataset fingerprints of files parsed by the CLI (readTelemetryFile): pinned values that
// test/browser/session-store.test.ts expects of the same files imported, stored and read back in Chromium.
import { describe, expect, it } from 'vitest';
import { readTelemetryFile } from '../../src/cli/io';
import { datasetFingerprint } from '../../src/session/fingerprint';

export const PINNED_FINGERPRINTS: Record<string, string> = {
  'test/fixtures/csv/iso-offsets.csv': '97096284083d257c6128336ae7e00cace4aa62d82d86397177094d49ddbc57d7',
  'test/fixtures/jaeger/jaeger-ui_otlp2jaeger-out.json': '4b1439917baab1afda113df2e10ecb411ff44629b46e5d8873ebf6300db965ef',
};

describe('dataset fingerprint in Node', () => {
  for (const [file, expected] of Object.entries(PINNED_FINGERPRINTS)) {
    it(`${file} parsed by the CLI hashes to the pinned value`, async () => {
      const r = await readTelemetryFile(file);
      if (!r.ok) throw new Error(r.error.message);
      expect(await datasetFingerprint(r.value.series, r.value.traces)).toBe(expected);
    });
  }
});
