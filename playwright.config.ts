// Playwright end-to-end tests on the BUILT app (vite preview), in the system Chromium from
// test/chromium.ts (never a downloaded browser); results to test-results/e2e.json.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/chromium';

// Several checkouts or builds can be tested side by side: E2E_PORT, E2E_DIST (a `vite build --outDir` output)
// and E2E_RESULTS (a results folder) default to the CI values.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';
const results = process.env.E2E_RESULTS ?? 'test-results';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `${results}/e2e.json` }]],
  outputDir: `${results}/e2e-artifacts`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 820 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    trace: 'off',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
