import { defineConfig } from 'vite';

// The app is plain React: esbuild's automatic JSX is all it needs (no Babel, no fast refresh
// plugin). The server serves dist/ itself; `npm run dev:web` proxies the API to it.
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One chunk for the editor, one for everything else: the editor is most of the weight and
    // changes least often.
    rollupOptions: {
      // TipTap marks its React entry "use client" for server-rendering frameworks; meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks: (id) =>
          /node_modules\/(@tiptap|prosemirror|linkifyjs|orderedmap|rope-sequence|w3c-keyname)/.test(
            id,
          )
            ? 'editor'
            : id.includes('node_modules')
              ? 'vendor'
              : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
      '/t': { target: 'http://127.0.0.1:3000' },
      '/dev': { target: 'http://127.0.0.1:3000' },
    },
  },
});
