import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': api,
      '/api': api,
    },
  },
  build: {
    // No manual vendor chunk: admin-only antd components (Form.List, Upload, Table…) then stay in the lazy admin chunks.
    chunkSizeWarningLimit: 1500,
  },
});
