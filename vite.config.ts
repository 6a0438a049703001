import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The same policy `shopdesk serve` sends as a header. It is also written into the built index.html so the Electron
 * window, which loads the page from file:// (no HTTP headers), runs under it too. Build-only: the dev server needs
 * inline scripts for hot reload.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws:";

function cspMeta(): Plugin {
  return {
    name: 'shopdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so Electron can load the build from file://.
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // Development against a running `shopdesk serve --port 5178`: the page's WebSocket goes through the dev server.
    proxy: { '/api': { target: process.env.SHOPDESK_SERVE ?? 'http://127.0.0.1:5178', ws: true } },
  },
});
