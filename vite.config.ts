import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static bundle served by the `ringside://app` protocol (desktop) or by the
// browser-mode host; relative asset URLs work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
