#!/usr/bin/env node
// `npm test`: builds the kernels, the CLI and the app, runs Vitest (Node + real Chromium) and
// Playwright (end to end on the built app), then prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function step(label, cmd, args, { counts } = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return { ok: r.status === 0, counts };
}

const npx = 'npx';
let passed = 0;
let failed = 0;
let buildFailed = false;

for (const [label, args] of [
  ['kernels', ['npm', ['run', 'asbuild']]],
  ['cli', ['npm', ['run', 'build:cli']]],
  ['app', [npx, ['vite', 'build']]],
  ['typecheck', [npx, ['tsc', '--noEmit', '-p', '.']]],
]) {
  const r = step(label, args[0], args[1]);
  if (!r.ok) {
    console.error(`✗ step "${label}" failed`);
    if (label !== 'typecheck') buildFailed = true;
    failed += 1;
  }
}

if (!buildFailed) {
  step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]);
  const vitestFile = `${results}/vitest.json`;
  if (existsSync(vitestFile)) {
    const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
    passed += v.numPassedTests;
    failed += v.numFailedTests + (v.numRuntimeErrorTests ?? 0);
    // A test file that failed to load counts as a failure even if it reported no tests.
    for (const f of v.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed += 1;
  } else {
    console.error('✗ vitest wrote no report');
    failed += 1;
  }

  step('playwright', npx, ['playwright', 'test']);
  const e2eFile = `${results}/e2e.json`;
  if (existsSync(e2eFile)) {
    const p = JSON.parse(readFileSync(e2eFile, 'utf8'));
    passed += p.stats.expected;
    failed += p.stats.unexpected + p.stats.flaky;
    if ((p.errors ?? []).length) failed += p.errors.length;
  } else {
    console.error('✗ playwright wrote no report');
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
