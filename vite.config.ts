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
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
