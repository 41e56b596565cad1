// Seeded mutations of the CSV fixtures (NAB files cut to their first 150 rows, Grafana exports): each mutant
// imports or gives a typed ImportError, never a throw or a hang, identical at 100-byte chunks.

import { describe, expect, it } from 'vitest';
import { fixture } from './csv-helpers';
import { runMutations } from './mutation-helpers';

/** The first `n` lines of a fixture (keeps the 100-byte-chunk reruns of the 100 KB NAB files quick). */
function head(name: string, n: number): Uint8Array {
  const bytes = fixture(name);
  let at = 0;
  for (let k = 0; k < n && at >= 0; k++) at = bytes.indexOf(10, at) + 1 || -1;
  return at > 0 ? bytes.subarray(0, at) : bytes;
}

const fixtures: [string, Uint8Array][] = [
  ['nab_ec2_cpu_utilization_24ae8d.csv', head('nab_ec2_cpu_utilization_24ae8d.csv', 150)],
  ['nab_ec2_request_latency_system_failure.csv', head('nab_ec2_request_latency_system_failure.csv', 150)],
  ['grafana-semicolon.csv', fixture('grafana-semicolon.csv')],
  ['grafana-comma-bom.csv', fixture('grafana-comma-bom.csv')],
  ['iso-offsets.csv', fixture('iso-offsets.csv')],
  ['epoch-us.csv', fixture('epoch-us.csv')],
];

describe('CSV: mutations of the real fixtures', () => {
  it.each(fixtures)('%s: 500 mutations each import or give a typed error, identical at 100-byte chunks', async (name, bytes) => {
    const tally = await runMutations(bytes, name, 500);
    expect(tally.imported).toBeGreaterThan(0);
  });
});
