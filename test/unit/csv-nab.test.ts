// The CSV parser on every CSV of the NAB corpus subset in ../shared/data/nab/data. Expected counts come
// from `wc -l` (minus the header; nyc_taxi.csv has no final newline) and first/last times from head/tail.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ms, parseOk, sharedDir } from './csv-helpers';

const nab = resolve(sharedDir, 'data/nab/data');

/** [file, rows, first timestamp, last timestamp, first value, last value], read with wc/head/tail. */
const expected: [string, number, string, string, number, number][] = [
  ['artificialNoAnomaly/art_daily_no_noise.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 20.0, 20.003839998],
  ['artificialNoAnomaly/art_daily_perfect_square_wave.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 20.0, 20.0],
  ['artificialNoAnomaly/art_daily_small_noise.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 18.324918539200002, 18.6826203655],
  ['artificialNoAnomaly/art_flatline.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 45.0, 45.0],
  ['artificialNoAnomaly/art_noisy.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 18.6221849224, 10.0516211375],
  ['artificialWithAnomaly/art_daily_flatmiddle.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', -21.0483826823, -20.592696479],
  ['artificialWithAnomaly/art_daily_jumpsdown.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 18.090486228499998, 20.4791564706],
  ['artificialWithAnomaly/art_daily_jumpsup.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 19.761251902999998, 21.8631471547],
  ['artificialWithAnomaly/art_daily_nojump.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 21.5980110405, 18.9690847827],
  ['artificialWithAnomaly/art_increase_spike_density.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 20.0, 0.0],
  ['artificialWithAnomaly/art_load_balancer_spikes.csv', 4032, '2014-04-01 00:00:00', '2014-04-14 23:55:00', 0.0, 0.0],
  ['realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv', 4032, '2014-02-14 14:30:00', '2014-02-28 14:25:00', 0.132, 0.134],
  ['realAWSCloudwatch/ec2_cpu_utilization_53ea38.csv', 4032, '2014-02-14 14:30:00', '2014-02-28 14:25:00', 1.732, 1.766],
  ['realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv', 4032, '2014-02-14 14:27:00', '2014-02-28 14:22:00', 51.846000000000004, 37.718],
  ['realAWSCloudwatch/ec2_cpu_utilization_77c1ca.csv', 4032, '2014-04-02 14:25:00', '2014-04-16 14:20:00', 0.068, 0.102],
  ['realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv', 4032, '2014-04-10 00:04:00', '2014-04-24 00:09:00', 91.958, 96.584],
  ['realAWSCloudwatch/ec2_cpu_utilization_ac20cd.csv', 4032, '2014-04-02 14:29:00', '2014-04-16 14:49:00', 42.652, 99.22200000000001],
  ['realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv', 4032, '2014-04-02 14:29:00', '2014-04-16 14:24:00', 0.066, 0.068],
  ['realAWSCloudwatch/ec2_cpu_utilization_fe7f93.csv', 4032, '2014-02-14 14:27:00', '2014-02-28 14:22:00', 2.296, 3.252],
  ['realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv', 4730, '2014-03-01 17:34:00', '2014-03-18 03:39:00', 0.0, 0.0],
  ['realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv', 4032, '2014-04-02 14:25:00', '2014-04-16 14:20:00', 0.0, 0.0],
  ['realAWSCloudwatch/ec2_network_in_257a54.csv', 4032, '2014-04-10 00:04:00', '2014-04-24 00:09:00', 251643.0, 242084.0],
  ['realAWSCloudwatch/ec2_network_in_5abac7.csv', 4730, '2014-03-01 17:36:00', '2014-03-18 03:41:00', 42.0, 75.0],
  ['realAWSCloudwatch/elb_request_count_8c0756.csv', 4032, '2014-04-10 00:04:00', '2014-04-24 00:39:00', 94.0, 60.0],
  ['realAWSCloudwatch/grok_asg_anomaly.csv', 4621, '2014-01-16 00:00:00', '2014-02-01 01:00:00', 33.5573, 0.33399999999999996],
  ['realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv', 1243, '2013-10-09 16:25:00', '2013-10-13 23:55:00', 9926554.0, 7788122.6],
  ['realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv', 4032, '2014-02-14 14:30:00', '2014-02-28 14:30:00', 6.456, 15.5567],
  ['realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv', 4032, '2014-04-10 00:02:00', '2014-04-23 23:57:00', 14.012, 18.005],
  ['realKnownCause/ambient_temperature_system_failure.csv', 7267, '2013-07-04 00:00:00', '2014-05-28 15:00:00', 69.88083514, 72.58408858],
  ['realKnownCause/cpu_utilization_asg_misconfiguration.csv', 18050, '2014-05-14 01:14:00', '2014-07-15 17:19:00', 85.835, 12.129000000000001],
  ['realKnownCause/ec2_request_latency_system_failure.csv', 4032, '2014-03-07 03:41:00', '2014-03-21 03:41:00', 45.868, 30.962],
  ['realKnownCause/machine_temperature_system_failure.csv', 22695, '2013-12-02 21:15:00', '2014-02-19 15:25:00', 73.96732207, 96.90386085],
  ['realKnownCause/nyc_taxi.csv', 10320, '2014-07-01 00:00:00', '2015-01-31 23:30:00', 10844, 26288],
  ['realKnownCause/rogue_agent_key_hold.csv', 1882, '2014-07-06 20:10:00', '2014-07-25 08:55:00', 0.06453452400000001, 0.0],
  ['realKnownCause/rogue_agent_key_updown.csv', 5315, '2014-07-06 20:10:00', '2014-07-25 08:55:00', 1.04725631, 0.0],
];

/** Duplicate timestamps (sort | uniq -c, summed counts - 1) and backward steps (awk), by hand. */
const irregular: Record<string, { duplicates: number; backwardLine?: number }> = {
  'realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv': { duplicates: 11 },
  'realAWSCloudwatch/ec2_network_in_5abac7.csv': { duplicates: 11 },
  'realKnownCause/ec2_request_latency_system_failure.csv': { duplicates: 11 },
  'realKnownCause/machine_temperature_system_failure.csv': { duplicates: 12, backwardLine: 10151 },
};

describe('NAB corpus (all CSVs in ../shared/data/nab/data)', () => {
  it('the table covers every CSV there', () => {
    const onDisk = readdirSync(nab, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.csv')).sort();
    expect(expected.map((e) => e[0]).sort()).toEqual(onDisk);
  });

  it.each(expected)('%s: %i rows from %s to %s', async (file, rows, first, last, v0, vN) => {
    const f = await parseOk(new Uint8Array(readFileSync(resolve(nab, file))), file);
    expect(f.timeEncoding).toBe('naive-datetime-utc');
    expect(f.series).toHaveLength(1);
    const s = f.series[0];
    expect(s.name).toBe('value');
    expect(s.t.length).toBe(rows);
    expect(s.v.length).toBe(rows);
    expect(s.t[0]).toBe(ms(first.replace(' ', 'T') + 'Z'));
    expect(s.t[rows - 1]).toBe(ms(last.replace(' ', 'T') + 'Z'));
    expect(s.v[0]).toBe(v0);
    expect(s.v[rows - 1]).toBe(vN);
    for (let i = 1; i < rows; i++) if (s.t[i] < s.t[i - 1]) throw new Error(`not sorted at ${i}`);
    const odd = irregular[file];
    const dup = f.warnings.find((w) => /duplicate timestamp/.test(w));
    const back = f.warnings.find((w) => /earlier than the row before/.test(w));
    if (odd) {
      expect(dup).toMatch(new RegExp(`^${odd.duplicates} duplicate timestamps`));
      if (odd.backwardLine) expect(back).toMatch(new RegExp(`line ${odd.backwardLine}\\b`));
      else expect(back).toBeUndefined();
    } else {
      expect(dup).toBeUndefined();
      expect(back).toBeUndefined();
    }
  });
});
