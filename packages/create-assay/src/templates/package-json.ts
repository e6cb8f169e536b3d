import type { AssayVersions } from '../assay-versions.js';

/** The new project's package.json: an ES module project that depends on the @assay packages of this release. */
export function packageJson(options: { name: string; versions: AssayVersions }): string {
  const manifest = {
    name: options.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      eval: 'assay eval src/task.ts --model mockllm/model',
      test: 'vitest run',
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      '@assay/cli': `^${options.versions.cli}`,
      '@assay/core': `^${options.versions.core}`,
    },
    devDependencies: {
      '@types/node': '^20.19.0',
      typescript: '~5.9.3',
      vitest: '^4.1.12',
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
