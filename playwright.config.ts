// Playwright end-to-end tests on the BUILT app (vite preview), in the system Chromium from
// test/chromium.ts (never a downloaded browser); results to test-results/e2e.json.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    baseURL: 'http://127.0.0.1:4173',
    viewport: { width: 1360, height: 820 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    trace: 'off',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173/',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
