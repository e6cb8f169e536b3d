import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

function versionOf(packageName: string): string {
  const manifest = JSON.parse(readFileSync(new URL(`../${packageName}/package.json`, import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

export const config = defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  // The scaffold depends on the @assay packages released with it: their versions are read here, at build time.
  define: {
    ASSAY_BUILD_VERSIONS: JSON.stringify({ core: versionOf('core'), cli: versionOf('cli') }),
  },
});

// tsup loads the default export of its config file.
export default config;
