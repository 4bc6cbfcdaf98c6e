import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts its own bank on free ports; scrypt and RSA key generation take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
