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
    // Full minification inside workers. The whitespace-only rule below is for
    // tfjs's threaded wasm build, and the workers never run it: the training
    // worker asks for single-threaded wasm (chooseBackend's wasmThreads: false)
    // and the others do not load tfjs. Measured: what the training worker
    // loads on wasm is 163 kB gzip fully minified against 206 kB whitespace-only.
    // A worker that turns wasm threads on needs the whitespace-only setting back.
    rolldownOptions: { output: { minify: true } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // Two pages: the notebook, and check.html, which runs the reference maths and the engine in the browser for the e2e tests.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        check: fileURLToPath(new URL('./check.html', import.meta.url)),
      },
      // Whitespace-only minification. The threaded WASM backend of tfjs sends
      // the source of its Emscripten factory (Function.toString) to its
      // pthread workers; renaming or compressing identifiers breaks the
      // references that source makes ("e is not defined", "_scriptDir is not
      // defined"). Costs ~70 kB gzip; buys wasm threads on the page's own
      // thread (check.html measures them; the notebook's gradient check may use them).
      output: { minify: { mangle: false, compress: false } },
    },
  },
});
