import { readFileSync } from 'node:fs';

/** The versions of the @assay packages a new project depends on. */
export interface AssayVersions {
  core: string;
  cli: string;
}

// Replaced by the build (tsup.config.ts) with the versions of this monorepo's packages.
declare const ASSAY_BUILD_VERSIONS: AssayVersions | undefined;

function versionInRepository(packageName: string): string {
  // Only reached when running from source inside the monorepo (tests): packages/create-assay/src → packages/<name>.
  const manifest = JSON.parse(readFileSync(new URL(`../../${packageName}/package.json`, import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The versions of @assay/core and @assay/cli released with this create-assay. */
export function assayVersions(): AssayVersions {
  if (typeof ASSAY_BUILD_VERSIONS !== 'undefined') return ASSAY_BUILD_VERSIONS;
  return { core: versionInRepository('core'), cli: versionInRepository('cli') };
}
