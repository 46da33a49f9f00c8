import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every request any test loads is read by the quick YAML path and the full loader, and must agree.
    env: { EXEMPTIONS_CROSS_CHECK_YAML: '1' },
  },
});
