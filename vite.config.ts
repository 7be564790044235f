/**
 * Vite builds the client (client/ → dist/); Vitest runs every test through `test.projects`:
 * node for shared/server/integration, jsdom for client components, and a browser project
 * (real Chromium through playwright-core) that runs serially.
 */
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:8080', '/sync': { target: 'ws://localhost:8080', ws: true } } },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: { name: 'node', root: '.', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/client/**'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'client', root: '.', include: ['test/client/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: {
          name: 'browser', root: '.', include: ['test/browser/**/*.test.ts'], environment: 'node',
          testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false,
        },
      },
    ],
  },
});
