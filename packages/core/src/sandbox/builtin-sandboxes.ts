import type { SandboxProvider } from './define-sandbox.js';
import { sandboxProvider } from './define-sandbox.js';
import { bwrapSandbox } from './providers/bwrap/bwrap-sandbox.js';
import { localSandbox } from './providers/local/local-sandbox.js';
import { dockerSandbox } from './providers/docker/docker-sandbox.js';

/** The providers that ship with Assay; each registered itself with `defineSandbox` when its module loaded. */
export const builtinSandboxes: readonly SandboxProvider[] = [localSandbox, bwrapSandbox, dockerSandbox];

/**
 * The provider for a spec's `type`: one registered with `defineSandbox` (a later registration replaces a built-in).
 * Throws `sandbox_config` naming the known types.
 */
export function resolveSandboxProvider(name: string): SandboxProvider {
  // The built-ins register themselves as their modules load; naming the list here keeps those modules in any bundle
  // that uses this function (the package declares no side effects).
  void builtinSandboxes;
  return sandboxProvider(name);
}
