import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contentPlugin } from './src/content/vite-plugin.ts';

// Cross-origin isolation lets the WASM backend use threads
// (SharedArrayBuffer). Static hosts need the same two headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  plugins: [contentPlugin(fileURLToPath(new URL('./content', import.meta.url)))],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: {
    format: 'es',
    // Same whitespace-only minification inside workers (see build below).
    rolldownOptions: { output: { minify: { mangle: false, compress: false } } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // Two pages: the notebook, and check.html, which runs the core in the browser for the e2e tests.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        check: fileURLToPath(new URL('./check.html', import.meta.url)),
      },
      // Whitespace-only minification. The threaded WASM backend of tfjs sends
      // the source of its Emscripten factory (Function.toString) to its
      // pthread workers; renaming or compressing identifiers breaks the
      // references that source makes ("e is not defined", "_scriptDir is not
      // defined"). Costs ~70 kB gzip; buys wasm threads.
      output: { minify: { mangle: false, compress: false } },
    },
  },
});
