import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';
import type { SandboxConfig } from './define-sandbox.js';
import { SandboxError } from './sandbox-error.js';

/**
 * Where a task or sample runs, as Inspect accepts it: a type (`'docker'`), a type and config (`['docker',
 * 'compose.yaml']`), or `{ type, config }`.
 */
export type SandboxSpec = string | readonly [type: string, config: SandboxConfig] | { type: string; config?: SandboxConfig };

/** A spec in the shape the log records (`{ type, config }`). */
export function resolveSandboxSpec(spec: SandboxSpec): SandboxEnvironmentSpec {
  if (typeof spec === 'string') return { type: spec, config: null };
  if (Array.isArray(spec)) {
    const [type, config] = spec as readonly [string, SandboxConfig];
    return { type, config: config ?? null };
  }
  if (typeof spec === 'object' && spec !== null && typeof (spec as { type?: unknown }).type === 'string') {
    const { type, config } = spec as { type: string; config?: SandboxConfig };
    return { type, config: config ?? null };
  }
  throw new SandboxError({
    code: 'sandbox_config',
    message: `Invalid sandbox spec ${JSON.stringify(spec)}: use a type ('docker'), [type, config] or { type, config }.`,
  });
}

/** Parses `--sandbox TYPE[:CONFIG]` (`docker`, `docker:compose.yaml`, `bwrap`). */
export function parseSandboxFlag(value: string): SandboxEnvironmentSpec {
  const colon = value.indexOf(':');
  const type = colon === -1 ? value : value.slice(0, colon);
  const config = colon === -1 ? null : value.slice(colon + 1);
  if (!/^[a-z][a-z0-9_-]*$/.test(type) || config === '') {
    throw new SandboxError({
      code: 'sandbox_config',
      message: `Invalid --sandbox "${value}": use TYPE or TYPE:CONFIG, e.g. --sandbox bwrap or --sandbox docker:compose.yaml.`,
    });
  }
  return { type, config };
}
