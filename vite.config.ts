import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is served by the xjkp server from dist/web; in development Vite proxies /api to it.
// Everything is bundled: the intranet has no internet, so nothing may be fetched from a CDN.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // XJKP_DEV_API points the dev server at a server on another port.
      '/api': { target: process.env.XJKP_DEV_API ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The shared antd chunk is ~700 kB minified (~220 kB gzip); pages load lazily on top of it.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/, priority: 3 },
            // antd parts used by nearly every page; the rest stays with the lazy page that needs it.
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/, minShareCount: 4, priority: 2 },
          ],
        },
      },
    },
  },
});
