// A metrics-only CSV for the session CLI tests: three hours of one-minute points of one service ("shop",
// named after the file), with a small deterministic wobble.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHOP_START = Date.UTC(2026, 2, 3, 12, 0, 0);

export function shopCsv(offset = 0): string {
  const rows = ['timestamp,requests_per_s,error_rate_pct,p99_latency_ms,cpu_pct'];
  for (let i = 0; i < 180; i++) {
    const w = (k: number) => Math.sin(i * 0.7 + k) * 0.5 + Math.cos(i * 1.3 + k) * 0.3;
    rows.push([new Date(SHOP_START + i * 60_000).toISOString(), (100 + 3 * w(0) + offset).toFixed(3), (0.5 + 0.05 * w(1)).toFixed(4), (120 + 4 * w(2)).toFixed(3), (30 + w(3)).toFixed(3)].join(','));
  }
  return rows.join('\n') + '\n';
}

/** A temp folder with shop.csv (and other.csv, the same shape with other values). */
export async function shopFiles(): Promise<{ dir: string; shop: string; other: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-session-'));
  const shop = join(dir, 'shop.csv');
  const other = join(dir, 'other', 'shop.csv');
  await writeFile(shop, shopCsv());
  await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'other')));
  await writeFile(other, shopCsv(1));
  return { dir, shop, other };
}
