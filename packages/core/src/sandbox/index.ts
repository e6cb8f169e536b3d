export type { ExecOptions, ExecResult, SandboxConnection, SandboxEnvironment } from './sandbox-environment.js';
export { sandboxLimits } from './sandbox-environment.js';
export { SandboxError, type SandboxErrorCode } from './sandbox-error.js';
export {
  defineSandbox,
  sandboxProvider,
  sandboxProviderNames,
  type SandboxConfig,
  type SandboxHookOptions,
  type SandboxProvider,
} from './define-sandbox.js';
export { resolveSandboxSpec, parseSandboxFlag, type SandboxSpec } from './sandbox-spec.js';
export { sandbox, withSandboxes, sampleSandboxes, type SampleSandboxes } from './sandbox.js';
export { builtinSandboxes, resolveSandboxProvider } from './builtin-sandboxes.js';
export { localSandbox } from './providers/local/local-sandbox.js';
export { dockerSandbox } from './providers/docker/docker-sandbox.js';
export { bwrapSandbox } from './providers/bwrap/bwrap-sandbox.js';
