// Builds the Node CLI (src/cli/main.ts) into dist-cli/faultline.js: an ESM SSR bundle for Node 20 with
// node built-ins external; bin/faultline.mjs imports it. The .wasm is found at run time (build/).
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      output: { format: 'es', entryFileNames: 'faultline.js' },
    },
  },
  ssr: { target: 'node', noExternal: true },
});
