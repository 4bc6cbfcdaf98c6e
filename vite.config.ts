import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer: built to dist/renderer and loaded by the Electron window (app:// protocol) or served
 * by the browser shell. Relative asset paths work under both.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
