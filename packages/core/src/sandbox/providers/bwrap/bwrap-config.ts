import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { SandboxError } from '../../sandbox-error.js';

const sizePattern = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i;
const sizeSchema = z.union([
  z.number().int().positive(),
  z.string().regex(sizePattern, 'use bytes or a size such as "512m" or "2g"'),
]);

/** The `bwrap` provider's config, as given in a spec (`{ type: 'bwrap', config: { … } }`). */
export const bwrapConfigSchema = z
  .object({
    /** A directory whose contents are the sandbox's read-only root instead of the host's `/usr`, `/bin`, `/lib*`. */
    rootfs: z.string().min(1).optional(),
    /** Share the host's network (`true`); by default the sandbox has its own network namespace with only `lo`. */
    network: z.boolean().optional(),
    /** Address-space limit of each process (`RLIMIT_AS`). @default '2g' */
    memory: sizeSchema.optional(),
    /** Most processes the sandbox's user may have at once (`RLIMIT_NPROC` on its own host uid). @default 256 */
    pids: z.number().int().min(1).optional(),
    /** CPU seconds each process may use (`RLIMIT_CPU`). @default 600 */
    cpuSeconds: z.number().int().min(1).optional(),
    /** Size of each writable tmpfs (the work directory, `/tmp` and the home directory). @default '512m' */
    tmpSize: sizeSchema.optional(),
  })
  .strict();

/** The `bwrap` config as given. */
export type BwrapConfig = z.infer<typeof bwrapConfigSchema>;

/** The `bwrap` config with every limit resolved to a number. */
export interface BwrapSettings {
  rootfs: string | undefined;
  network: boolean;
  memoryBytes: number;
  pids: number;
  cpuSeconds: number;
  tmpSizeBytes: number;
}

const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes in a size such as `512m`, `2g` or `1048576`. */
export function parseSize(size: number | string): number {
  if (typeof size === 'number') return size;
  const match = sizePattern.exec(size.trim())!;
  return Math.floor(Number(match[1]) * units[match[2]!.toLowerCase()]!);
}

function configError(message: string): SandboxError {
  return new SandboxError({ code: 'sandbox_config', message: `Invalid bwrap sandbox config: ${message}` });
}

/**
 * Checks a `bwrap` config: an object (keys of {@link bwrapConfigSchema}), a path to a JSON file holding one, or a
 * path to a root filesystem directory. Throws `sandbox_config` naming the key that is wrong.
 */
export function validateBwrapConfig(config: unknown): BwrapConfig {
  let value: unknown = config ?? {};
  if (typeof value === 'string') {
    const path = value;
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw configError(`"${path}" does not exist. Give a root filesystem directory, a JSON file, or an object.`);
    }
    if (isDirectory) {
      value = { rootfs: path };
    } else {
      try {
        value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch (error) {
        throw configError(`"${path}" is not a JSON file (${(error as Error).message}).`);
      }
    }
  }
  const parsed = bwrapConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw configError(
        `unknown key ${issue.keys.map((key) => `"${key}"`).join(', ')}; the keys are ${Object.keys(bwrapConfigSchema.shape).join(', ')}.`,
      );
    }
    const key = issue.path.join('.');
    throw configError(key ? `"${key}": ${issue.message}.` : `${issue.message}; give an object such as { "memory": "512m" }.`);
  }
  if (parsed.data.rootfs !== undefined) {
    let isDirectory = false;
    try {
      isDirectory = statSync(parsed.data.rootfs).isDirectory();
    } catch {
      // Reported below.
    }
    if (!isDirectory) throw configError(`"rootfs": "${parsed.data.rootfs}" is not a directory.`);
  }
  return parsed.data;
}

/** The limits of a validated config, defaults filled in. */
export function bwrapSettings(config: BwrapConfig): BwrapSettings {
  return {
    rootfs: config.rootfs,
    network: config.network ?? false,
    memoryBytes: parseSize(config.memory ?? '2g'),
    pids: config.pids ?? 256,
    cpuSeconds: config.cpuSeconds ?? 600,
    tmpSizeBytes: parseSize(config.tmpSize ?? '512m'),
  };
}
