// The SLOs view on the demo: an SLO made with the form (p99 latency ≤ 500 ms, 99.9 % over 30 days) shows
// up in the YAML pane, evaluates to charts and a page alert for the day-2 14:10 UTC incident, survives a
// reload (IndexedDB), lowers the Anomalies view's health with a reason naming it, and its Markdown report
// downloads with its name and numbers; suggestions; every request stays on the app's origin.
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { idle, openEmpty, watchPrivacy } from './helpers';

const SHOTS = process.env.SLO_SHOTS ?? '/tmp/h3-shots';
const INCIDENT = Date.UTC(2026, 2, 3, 14, 10);

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

const urlParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

test('SLO from the form → YAML, charts and the incident alert, reload, health, Markdown report, same-origin only', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const privacy = await watchPrivacy(context, origin);
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('link', { name: 'SLOs', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('heading', { name: 'SLOs', exact: true })).toBeVisible();
  await expect(page.getByText('No SLOs for this dataset yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click(); // the import results, for the screenshots

  // The form: a threshold SLI on the demo's p99 latency.
  await page.getByRole('button', { name: 'New SLO' }).click();
  await idle(page);
  const editor = page.getByRole('region', { name: 'New SLO' });
  await editor.getByLabel('Name', { exact: true }).fill('checkout-latency');
  await editor.getByLabel('Service', { exact: true }).fill('checkout');
  await editor.getByLabel('SLI', { exact: true }).selectOption('threshold');
  await editor.getByLabel('Series (selector)').fill('p99_latency_ms');
  await editor.getByLabel('Good when value').selectOption('<=');
  await editor.getByLabel('Threshold', { exact: true }).fill('500');
  await editor.getByLabel('Objective, %').fill('99.9');
  await editor.getByLabel('Window').selectOption('30d');
  await idle(page);
  const yaml = editor.getByRole('textbox', { name: 'OpenSLO YAML' });
  await expect(yaml).toHaveValue(/name: checkout-latency/);
  await expect(yaml).toHaveValue(/query: p99_latency_ms/);
  await expect(yaml).toHaveValue(/op: lte\n\s+value: 500\n\s+target: 0\.999/);

  // An invalid field is said inline, and the YAML pane edits the form back.
  await editor.getByLabel('Objective, %').fill('120');
  await idle(page);
  await expect(editor.getByText(/objective must be between 0 and 1/)).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  await yaml.fill((await yaml.inputValue()).replace('target: 0.999', 'target: 0.999').replace(/value: 500/, 'value: 450'));
  await idle(page);
  await expect(editor.getByLabel('Threshold', { exact: true })).toHaveValue('450');
  await expect(editor.getByLabel('Objective, %')).toHaveValue('99.9');
  await editor.getByLabel('Threshold', { exact: true }).fill('500');
  await idle(page);
  await expect(yaml).toHaveValue(/value: 500/);

  await shot(page, 'slo-dark-editor');
  await editor.getByRole('button', { name: 'Save' }).click();
  await idle(page);
  const item = page.getByRole('list', { name: 'SLOs of this dataset' }).getByRole('button', { name: /checkout-latency/ });
  await expect(item).toBeVisible();
  await expect(item).toContainText('missed');
  await expect(page.locator('.slo-charts canvas')).toHaveCount(4);
  const alerts = page.locator('table.slo-alerts tbody tr');
  const incident = alerts.filter({ hasText: 'page.quick' }).filter({ hasText: /2026-03-03 14:[12]\d/ });
  await expect(incident.first()).toBeVisible();
  await expect(page.getByText(/A window without events has no SLI/)).toBeVisible();
  await shot(page, 'slo-dark');

  // Pressing the alert's start zooms the charts (and the URL range) to it.
  await incident.first().getByRole('button').click();
  await idle(page);
  const [from, to] = [Number(urlParams(page).get('from')), Number(urlParams(page).get('to'))];
  expect(from).toBeLessThan(INCIDENT);
  expect(to).toBeGreaterThan(INCIDENT);
  expect(to - from).toBeLessThan(6 * 3_600_000);
  await page.locator('.slo-charts').evaluate((c) => c.scrollIntoView({ block: 'start' }));
  await shot(page, 'slo-dark-charts');

  await page.emulateMedia({ colorScheme: 'light' });
  await idle(page);
  await shot(page, 'slo-light-charts');
  await page.locator('table.slo-alerts').evaluate((c) => c.scrollIntoView({ block: 'center' }));
  await shot(page, 'slo-light-alerts');

  // A reload reads the SLO back from IndexedDB.
  await page.reload();
  await idle(page);
  await expect(page.getByRole('list', { name: 'SLOs of this dataset' }).getByRole('button', { name: /checkout-latency/ })).toBeVisible();
  await expect(page.locator('table.slo-alerts tbody tr').filter({ hasText: 'page.quick' }).first()).toBeVisible();

  // The Markdown report: a Blob download holding the SLO's name and numbers.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Markdown report' }).click();
  const md = readFileSync(await (await download).path(), 'utf8');
  expect(md).toContain('# SLO report: service-metrics.csv');
  expect(md).toMatch(/\| checkout-latency \| 99\.900 % \| 30d rolling, Occurrences \| 100\.000 % \| 99\.\d{3} % \(missed\) \| -\d+\.\d % \|/);
  expect(md).toMatch(/- page page\.quick: 2026-03-03T14:[12]\d:00\.000Z → 2026-03-03T1[45]:\d\d:00\.000Z/);
  await idle(page);
  await page.getByRole('link', { name: 'Printable report' }).click();
  await idle(page);
  await expect(page.getByRole('heading', { name: 'SLO report: service-metrics.csv' })).toBeVisible();
  await expect(page.locator('.slo-print-slo .slo-charts canvas')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await shot(page, 'slo-light-print');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await shot(page, 'slo-light-print-media');
  await page.emulateMedia({ media: 'screen' });
  await page.emulateMedia({ colorScheme: 'dark' });

  // The Anomalies view's health: the spent budget lowers it, and the reason names the SLO.
  await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Run detection' }).click();
  await idle(page);
  const reason = page.locator('.health').getByText(/SLO checkout-latency burning \d+\.\d× over its 30d window so far/);
  await expect(reason).toBeVisible();
  await reason.scrollIntoViewIfNeeded();
  await shot(page, 'slo-dark-health');

  // Edit: the form opens with the stored SLO; a new objective is saved in place.
  await page.getByRole('link', { name: 'SLOs', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await idle(page);
  const edit = page.getByRole('region', { name: 'Edit SLO checkout-latency' });
  await expect(edit.getByLabel('Series (selector)')).toHaveValue('p99_latency_ms');
  await edit.getByLabel('Objective, %').fill('99');
  await idle(page);
  await expect(edit.getByRole('textbox', { name: 'OpenSLO YAML' })).toHaveValue(/target: 0\.99\n/);
  await edit.getByRole('button', { name: 'Save' }).click();
  await idle(page);
  await expect(page.locator('.slo-fact').filter({ hasText: 'Objective' })).toContainText('99.000 %');
  await expect(page.getByRole('list', { name: 'SLOs of this dataset' }).getByRole('listitem')).toHaveCount(1);

  // Suggestions from the demo's own series open in the editor.
  await page.getByRole('link', { name: 'SLOs', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Suggest SLOs' }).click();
  await idle(page);
  await expect(page.getByRole('heading', { name: 'Suggested from this dataset' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'OpenSLO YAML' })).toHaveValue(/name: p99-latency-ms-latency[\s\S]*---[\s\S]*name: error-rate-pct-errors/);
  await expect(page.getByText(/2 SLOs in the YAML: the form shows the first, read-only/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'New SLO' }).getByLabel('Name', { exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await idle(page);

  // Delete: the last SLO goes, and the view says there are none.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Delete SLO' }).click();
  await idle(page);
  await expect(page.getByText('No SLOs for this dataset yet.')).toBeVisible();

  expect(privacy.foreign()).toEqual([]);
  expect(await privacy.violations(page)).toEqual([]);
});

test('a trace dataset: suggested span SLOs are saved together and evaluated from the spans', async ({ page }) => {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Load demo' }).first().click();
  await idle(page);
  await page.getByRole('list', { name: 'Stored datasets' }).getByRole('link', { name: /service-traces/ }).click();
  await idle(page);
  await page.getByRole('link', { name: 'SLOs', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: 'Suggest SLOs' }).click();
  await idle(page);
  const yaml = page.getByRole('textbox', { name: 'OpenSLO YAML' });
  await expect(yaml).toHaveValue(/spans:\n\s+service: \S+\n\s+maxDurationMs: \d+/);
  const names = [...(await yaml.inputValue()).matchAll(/^ {2}name: (\S+-spans)$/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save' }).click();
  await idle(page);
  const list = page.getByRole('list', { name: 'SLOs of this dataset' });
  for (const name of names) await expect(list.getByRole('button', { name: new RegExp(name) })).toBeVisible();
  await expect(page.locator('.slo-facts')).toContainText(/good of [\d,]+/);
  await expect(page.locator('.slo-charts canvas')).toHaveCount(4);
  await shot(page, 'slo-dark-spans');
});
