import { defineConfig } from 'tsup';

export const config = defineConfig({
  entry: {
    index: 'src/index.ts',
    'log/index': 'src/log/index.ts',
    // Started by the .eval writer as a worker thread, from beside the chunk that holds the writer (dist/).
    'deflate-worker': 'src/log/node/deflate-worker.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  // No source maps in the tarball: the bundle is unminified ESM, so its stack traces already read as the source, and
  // the maps were more than half of what the @assay packages put in node_modules.
  sourcemap: false,
  target: 'node20',
});

// tsup loads the default export of its config file.
export default config;
