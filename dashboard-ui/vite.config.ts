import { defineConfig } from 'vitest/config';

// The Java server (ticker-server) that `npm run dev` forwards /ws and /api to, and its admin
// listener (client port + 1 by default) for /health.
// The proxy keeps the page's Host header, so the server's same-origin WebSocket check passes.
const backend = process.env['TICKER_SERVER'] ?? 'http://127.0.0.1:8080';
const admin = process.env['TICKER_ADMIN'] ?? 'http://127.0.0.1:8081';

export default defineConfig({
  // The server mounts the build output at "/" from the classpath folder ticker-dashboard/;
  // relative asset URLs keep the page working under any mount point.
  base: './',
  build: {
    // Lands in the module jar as ticker-dashboard/index.html, ticker-dashboard/assets/...
    outDir: 'target/classes/ticker-dashboard',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/ws': { target: backend, ws: true },
      '/api': { target: backend },
      '/health': { target: admin },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Clock-time formatting is local time; pin the zone so the expectations are exact.
    env: { TZ: 'UTC' },
  },
});
