import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  // ECharts (~170 kB gzipped) is one lazily loaded chunk for the 统计 view only; the initial
  // bundle budget is enforced by test/unit/web/bundle-size.test.ts.
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 8080}` } },
});
