import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';

type Yaml = typeof YamlModule;

let loaded: Yaml | undefined;

/**
 * The `yaml` package, loaded the first time a YAML file is read (an approval policy, a compose file) rather than with
 * `@assay/core`: most runs read none, and loading it took about as long as loading zod.
 */
export function loadYaml(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}
