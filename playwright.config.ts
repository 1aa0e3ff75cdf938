import { defineConfig } from '@playwright/test'

// Browser mode in the system Chromium: the Electron binary cannot be fetched on the team's
// machines, and the UI is the same code either way (DESIGN §1). Each test starts its own
// `archive-sync demo` server (e2e/fixtures.ts), hence no webServer here.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.e2e.ts',
  // A test seeds a local S3, plans and copies a slice: minutes, not seconds, on a slow CI box.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  fullyParallel: false,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    headless: true,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
})
