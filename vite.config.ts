import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is served by the xjkp server from dist/web; in development Vite proxies /api to it.
// Everything is bundled: the intranet has no internet, so nothing may be fetched from a CDN.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB minified; split it from React so each chunk caches on its own.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/, priority: 3 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
});
