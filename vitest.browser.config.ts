import { defineConfig } from 'vitest/config'

// npm run test:browser: the built package and the preview page in headless Chromium (Playwright).
// Not part of `npm test`: it needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
export default defineConfig({
  test: {
    include: ['test-browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
