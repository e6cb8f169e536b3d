import type { SandboxProvider } from './define-sandbox.js';
import { sandboxProvider, sandboxProviderNames } from './define-sandbox.js';
import { bwrapSandbox } from './providers/bwrap/bwrap-sandbox.js';
import { localSandbox } from './providers/local/local-sandbox.js';
import { dockerSandbox } from './providers/docker/docker-sandbox.js';

/** The providers that ship with Assay; each registered itself with `defineSandbox` when its module loaded. */
export const builtinSandboxes: readonly SandboxProvider[] = [localSandbox, bwrapSandbox, dockerSandbox];

/**
 * The provider for a spec's `type`: one registered with `defineSandbox` (a later registration replaces a built-in),
 * else a built-in. Throws `sandbox_config` naming the known types.
 */
export function resolveSandboxProvider(name: string): SandboxProvider {
  // A built-in is found even if a bundler dropped its module's registration (the package declares no side effects).
  return builtinSandboxes.find((provider) => provider.name === name && !isReplaced(name)) ?? sandboxProvider(name);
}

function isReplaced(name: string): boolean {
  return sandboxProviderNames().includes(name) && !builtinSandboxes.includes(sandboxProvider(name));
}
