import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { loadYaml } from '../../../util/load-yaml.js';
import type { SandboxConfig } from '../../define-sandbox.js';
import { SandboxError } from '../../sandbox-error.js';

/** What a docker sandbox config names: an image, a Dockerfile to build, or a compose file. */
export type DockerConfig =
  | { kind: 'image'; image: string }
  | { kind: 'dockerfile'; path: string; image: string }
  | { kind: 'compose'; path: string };

/** Limits every container gets unless its compose service sets its own. */
export const dockerDefaultLimits = { pidsLimit: 512, memory: '2g' } as const;

const imagePattern = /^[a-z0-9][a-z0-9._/:@-]*$/i;

/** A short stable hash naming what is built from a file, so a task's build is reused by its samples. */
function fileTag(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 12);
}

/**
 * Reads a spec's config: a `.yaml`/`.yml` path is a compose file, a path named `Dockerfile` (or `*.Dockerfile`) is
 * built, anything else is an image name. Throws `sandbox_config` for a missing file or a bad name.
 */
export function parseDockerConfig(config: SandboxConfig): DockerConfig {
  if (typeof config !== 'string' || config === '') {
    throw new SandboxError({
      code: 'sandbox_config',
      message:
        'The docker sandbox needs a config: an image name (["docker", "debian:bookworm"]), a Dockerfile or a compose file (["docker", "compose.yaml"]).',
    });
  }
  const name = basename(config);
  const isCompose = /\.ya?ml$/i.test(name);
  const isDockerfile = /^Dockerfile$|\.Dockerfile$|^Dockerfile\./i.test(name);
  if (isCompose || isDockerfile) {
    if (!existsSync(config) || !statSync(config).isFile()) {
      throw new SandboxError({ code: 'sandbox_config', message: `Docker sandbox config file '${config}' was not found.`, path: config });
    }
    return isCompose
      ? { kind: 'compose', path: config }
      : { kind: 'dockerfile', path: config, image: `assay-dockerfile-${fileTag(config)}:latest` };
  }
  if (!imagePattern.test(config)) {
    throw new SandboxError({
      code: 'sandbox_config',
      message: `Docker sandbox config '${config}' is neither a compose file (.yaml), a Dockerfile nor an image name.`,
    });
  }
  return { kind: 'image', image: config };
}

/** One service of a compose file, as far as the provider reads it. */
interface ComposeService {
  image?: unknown;
  build?: unknown;
  network_mode?: unknown;
  networks?: unknown;
  pids_limit?: unknown;
  mem_limit?: unknown;
  deploy?: { resources?: { limits?: { pids?: unknown; memory?: unknown } } };
  'x-default'?: unknown;
}

/** A compose file read for the provider: its services (the default first) and what needs building. */
export interface ComposeFile {
  path: string;
  version: unknown;
  /** Service names, the default one first (`x-default: true`, else `default`, else the first). */
  services: string[];
  raw: Record<string, ComposeService>;
  /** Declared network and volume names, labelled so cleanup finds them. */
  networks: string[];
  volumes: string[];
}

/** Reads and checks a compose file; throws `sandbox_config` saying what is wrong. */
export function readComposeFile(path: string): ComposeFile {
  let document: unknown;
  try {
    document = loadYaml().parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SandboxError({ code: 'sandbox_config', message: `Compose file '${path}' could not be read: ${(error as Error).message}`, path, cause: error });
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null || Array.isArray(services) || Object.keys(services).length === 0) {
    throw new SandboxError({ code: 'sandbox_config', message: `Compose file '${path}' has no services.`, path });
  }
  const raw = services as Record<string, ComposeService>;
  const names = Object.keys(raw);
  const marked = names.filter((name) => raw[name]?.['x-default'] === true);
  if (marked.length > 1) {
    throw new SandboxError({ code: 'sandbox_config', message: `Compose file '${path}' marks more than one service x-default: ${marked.join(', ')}.`, path });
  }
  const first = marked[0] ?? (names.includes('default') ? 'default' : names[0]!);
  // External networks and volumes are not the project's: they are neither labelled nor removed.
  const keys = (value: unknown): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).filter(([, entry]) => !(entry as { external?: unknown } | null)?.external).map(([key]) => key)
      : [];
  return {
    path,
    version: (document as { version?: unknown }).version,
    services: [first, ...names.filter((name) => name !== first)],
    raw,
    networks: keys((document as { networks?: unknown }).networks),
    volumes: keys((document as { volumes?: unknown }).volumes),
  };
}

/** The image a compose service with `build` and no `image` is tagged with, so the task's build is reused. */
export function composeBuildImage(compose: ComposeFile, service: string): string {
  return `assay-compose-${fileTag(compose.path)}-${service.toLowerCase().replace(/[^a-z0-9_.-]/g, '')}:latest`;
}

/**
 * The override file laid over the user's compose file: labels for cleanup, `network_mode: none` where the service
 * names no network, default pid and memory limits, and a tag for built images. JSON is YAML, so it is written as JSON.
 */
export function composeOverride(options: { compose: ComposeFile; labels: Record<string, string> }): Record<string, unknown> {
  const { compose, labels } = options;
  const services: Record<string, unknown> = {};
  for (const name of compose.services) {
    const service = compose.raw[name] ?? {};
    const override: Record<string, unknown> = { labels };
    if (service.network_mode === undefined && service.networks === undefined) override.network_mode = 'none';
    if (service.pids_limit === undefined && service.deploy?.resources?.limits?.pids === undefined) {
      override.pids_limit = dockerDefaultLimits.pidsLimit;
    }
    if (service.mem_limit === undefined && service.deploy?.resources?.limits?.memory === undefined) {
      override.mem_limit = dockerDefaultLimits.memory;
    }
    if (service.build !== undefined && service.image === undefined) override.image = composeBuildImage(compose, name);
    services[name] = override;
  }
  const labelled = (names: string[]): Record<string, unknown> => Object.fromEntries(names.map((name) => [name, { labels }]));
  return {
    ...(compose.version === undefined ? {} : { version: compose.version }),
    services,
    ...(compose.networks.length > 0 ? { networks: labelled(compose.networks) } : {}),
    ...(compose.volumes.length > 0 ? { volumes: labelled(compose.volumes) } : {}),
  };
}

/** The folder a compose file's relative paths are resolved against. */
export function composeDirectory(compose: ComposeFile): string {
  return dirname(compose.path);
}
