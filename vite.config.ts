/**
 * Vite builds the client (client/ → dist/); Vitest runs every test through `test.projects`:
 * node for shared/server/integration, jsdom for client components (two files at a time), and a
 * browser project (real Chromium through playwright-core) that runs its files one at a time, after the others.
 */
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The service worker (client/offline/sw.ts, our own caching rules) with the build's file list
 * injected, so the app shell opens offline. Not registered by the plugin: client/offline does it.
 */
const pwa = () =>
  VitePWA({
    strategies: 'injectManifest',
    srcDir: 'offline',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: {
      name: '共筆 Gongbi',
      short_name: '共筆',
      description: '開放政府國家行動方案承諾事項共同編輯',
      lang: 'zh-Hant-TW',
      start_url: '/',
      display: 'standalone',
      theme_color: '#0b3d6e',
      background_color: '#ffffff',
      icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    injectManifest: {
      globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      // The editor bundle is large (see chunkSizeWarningLimit); it must still be precached.
      maximumFileSizeToCacheInBytes: 10 * 1024 * 1024,
      rollupFormat: 'iife',
    },
    devOptions: { enabled: false },
  });

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), pwa()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:8080', '/sync': { target: 'ws://localhost:8080', ws: true } } },
  test: {
    root: '.',
    // Vitest's default is one worker fewer than the cores: on the 2-core machines we test on that
    // is one file at a time. Most node files wait (on child processes, LibreOffice, timers) more
    // than they compute, so two at once; the browser project stays one file at a time, alone.
    maxWorkers: 2,
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
          // A real browser on two loaded cores can miss a keystroke's timing: one retry, never more.
          retry: 1,
        },
      },
    ],
  },
});
