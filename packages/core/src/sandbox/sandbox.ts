import { AsyncLocalStorage } from 'node:async_hooks';
import type { SandboxEnvironment } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

/** A sample's environments, by name, and the name of the default one. */
export interface SampleSandboxes {
  environments: Readonly<Record<string, SandboxEnvironment>>;
  defaultName: string;
}

const current = new AsyncLocalStorage<SampleSandboxes>();

/** Runs `fn` with `sandboxes` as the environments {@link sandbox} returns (the runner does this per sample). */
export function withSandboxes<TResult>(sandboxes: SampleSandboxes, fn: () => TResult): TResult {
  return current.run(sandboxes, fn);
}

/**
 * The current sample's sandbox environment: the default one, or the one named `name` (a compose service). Works in
 * any solver, tool or scorer of a sample that has a sandbox.
 * @example const result = await sandbox().exec(['bash', '-c', 'cat /flag.txt']);
 */
export function sandbox(name?: string): SandboxEnvironment {
  const sandboxes = current.getStore();
  if (!sandboxes) {
    throw new SandboxError({
      code: 'sandbox_not_provided',
      message:
        'No sandbox environment for the current sample. Set one with the task\'s `sandbox` option, the sample\'s `sandbox` field, or --sandbox (e.g. --sandbox bwrap).',
    });
  }
  const key = name ?? sandboxes.defaultName;
  const environment = sandboxes.environments[key];
  if (!environment) {
    throw new SandboxError({
      code: 'sandbox_config',
      message: `No sandbox environment named "${key}" for this sample; it has: ${Object.keys(sandboxes.environments).join(', ')}.`,
    });
  }
  return environment;
}

/** The current sample's environments, or `undefined` outside a sample with a sandbox. */
export function sampleSandboxes(): SampleSandboxes | undefined {
  return current.getStore();
}
