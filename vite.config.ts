// The app build: Vite with ES-module workers, the .wasm as a hashed asset (never inlined), and a
// Workbox service worker (vite-plugin-pwa) precaching shell, workers, .wasm and demo for offline use.
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The dev server injects CSS through <style> elements, which the strict CSP in index.html forbids;
 * in dev only, allow inline styles. The built app keeps the strict policy.
 */
function devStyleCsp(): Plugin {
  return {
    name: 'faultline-dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Never inline assets as data: URLs (the .wasm must be fetched same-origin and precached).
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  plugins: [
    devStyleCsp(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false, // src/ui/offline.ts registers it and reports its state
      manifest: false, // public/manifest.webmanifest is linked from index.html
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest,csv,gz}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
