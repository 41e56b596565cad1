// Writes public/demo/service-metrics.csv: three days of one-minute service metrics with a daily
// load cycle and an incident on day 2. Deterministic (seeded PRNG), so the demo never changes by accident.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const START = Date.UTC(2026, 2, 2, 0, 0, 0); // 2026-03-02T00:00:00Z
const MINUTES = 3 * 24 * 60;
/** The incident: day 2, 14:10 UTC, 40 minutes (a bad cache node: latency and errors up, CPU climbs). */
const INCIDENT_START = 24 * 60 + 14 * 60 + 10;
const INCIDENT_MINUTES = 40;
/** A smaller event: a deploy on day 3 at 09:30 UTC restarts the process (memory drops, short latency bump). */
const DEPLOY = 2 * 24 * 60 + 9 * 60 + 30;

/** mulberry32: a small, well-mixed 32-bit PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20260302);
function gauss(): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Daily load shape in [0, 1]: quiet at night, peak mid-afternoon UTC. */
function dailyLoad(minuteOfDay: number): number {
  const x = ((minuteOfDay / 1440) * 2 * Math.PI) - (15 / 24) * 2 * Math.PI;
  return 0.5 + 0.5 * Math.cos(x) * (0.85 + 0.15 * Math.cos(2 * x));
}

/** 0 outside the incident, rising to 1 within 5 minutes, holding, then recovering over the last 8. */
function incidentLevel(m: number): number {
  const d = m - INCIDENT_START;
  if (d < 0 || d >= INCIDENT_MINUTES) return 0;
  if (d < 5) return d / 5;
  if (d > INCIDENT_MINUTES - 8) return (INCIDENT_MINUTES - d) / 8;
  return 1;
}

const fix = (x: number, digits: number) => x.toFixed(digits);

export function generate(): string {
  const rows = ['timestamp,requests_per_s,p99_latency_ms,error_rate_pct,cpu_pct,memory_mb'];
  let memory = 1650;
  let cpuCarry = 0;
  for (let m = 0; m < MINUTES; m++) {
    const t = new Date(START + m * 60_000).toISOString().replace('.000Z', 'Z');
    const load = dailyLoad(m % 1440);
    const inc = incidentLevel(m);
    const weekdayBoost = m >= 1440 ? 1.06 : 1; // the 2nd and 3rd days are busier
    const requests = Math.max(0, (40 + 190 * load) * weekdayBoost * (1 - 0.18 * inc) + gauss() * 6);
    const deployBump = m >= DEPLOY && m < DEPLOY + 4 ? 140 : 0;
    const latency =
      120 + 70 * load + Math.abs(gauss()) * 18 + inc * (780 + gauss() * 120) + deployBump + (rand() < 0.004 ? 90 : 0);
    const errors = Math.max(0, 0.12 + 0.05 * load + gauss() * 0.03 + inc * (5.5 + gauss() * 0.9));
    cpuCarry = 0.9 * cpuCarry + 0.1 * inc; // CPU climbs and cools more slowly than latency
    const cpu = Math.min(99, 18 + 0.22 * requests + gauss() * 2.2 + cpuCarry * 60);
    memory += 0.35 + gauss() * 0.8 + inc * 4;
    if (m === DEPLOY) memory = 1600;
    if (m % 720 === 719) memory -= 120; // periodic compaction
    rows.push([t, fix(requests, 1), fix(latency, 1), fix(errors, 3), fix(cpu, 1), fix(memory, 1)].join(','));
  }
  return rows.join('\n') + '\n';
}

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../public/demo/service-metrics.csv');
mkdirSync(dirname(out), { recursive: true });
const csv = generate();
writeFileSync(out, csv);
console.log(`wrote ${out} (${MINUTES} rows, ${(csv.length / 1024).toFixed(0)} KiB)`);
