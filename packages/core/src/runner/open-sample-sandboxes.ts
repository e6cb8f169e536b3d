import type { DatasetSample } from '../dataset/index.js';
import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';
import { applySampleFiles } from '../sandbox/apply-sample-files.js';
import { recordingSandbox } from '../sandbox/recording-sandbox.js';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { SandboxError } from '../sandbox/sandbox-error.js';
import type { SandboxLimiter } from '../sandbox/sandbox-limiter.js';
import type { SampleSandboxes } from '../sandbox/sandbox.js';
import type { TaskSandboxes } from './plan-task-sandboxes.js';

/** What every sample of a task run needs to open its sandboxes. */
export interface SampleSandboxContext {
  sandboxes: TaskSandboxes;
  limiter: SandboxLimiter;
  taskName: string;
  runId: string;
  /** `false` (`--no-sandbox-cleanup`): environments are kept and how to attach to each is told to `warn`. */
  cleanup: boolean;
  /** Folder relative sample file and setup paths are read from. */
  baseDir: string;
  warn: (message: string) => void;
}

/** A sample attempt's environments (recording wrappers) and how to end them. */
export interface OpenedSandboxes {
  sandboxes: SampleSandboxes;
  /** Runs the provider's `sampleCleanup` with the environments it made (or keeps them), then frees the slot. */
  close(options: { interrupted: boolean }): Promise<void>;
}

/**
 * Opens one sample attempt's sandboxes (architecture/sandbox.md "Lifecycle" step 3): waits for a slot, calls
 * `sampleInit`, wraps each environment in a recording proxy, copies the sample's files and runs its setup. A failure
 * cleans up what was made and throws a `SandboxError` naming the sample.
 */
export async function openSampleSandboxes(options: {
  context: SampleSandboxContext;
  spec: SandboxEnvironmentSpec;
  sample: DatasetSample;
  signal: AbortSignal;
}): Promise<OpenedSandboxes> {
  const { context, spec, sample, signal } = options;
  const { provider, config } = context.sandboxes.get(spec);
  const hooks = { taskName: context.taskName, config, runId: context.runId };
  const release = await context.limiter.acquire({ provider, signal });
  let environments: Record<string, SandboxEnvironment>;
  try {
    environments = await provider.sampleInit({ ...hooks, metadata: { ...sample.metadata, __sample_id__: sample.id } });
  } catch (error) {
    release();
    throw new SandboxError({
      code: error instanceof SandboxError ? error.code : 'sandbox_unavailable',
      message: `Sample ${JSON.stringify(sample.id)}: the ${spec.type} sandbox could not start: ${(error as Error).message}`,
      cause: error,
    });
  }
  const names = Object.keys(environments);
  const close = async ({ interrupted }: { interrupted: boolean }): Promise<void> => {
    try {
      if (context.cleanup) {
        // The provider gets the very objects it made, not the recording wrappers.
        await provider.sampleCleanup({ ...hooks, environments, interrupted });
      } else {
        for (const name of names) {
          const connection = await environments[name]!.connection().catch(() => undefined);
          context.warn(
            `Sandbox kept (--no-sandbox-cleanup): sample ${JSON.stringify(sample.id)}, environment "${name}" (${spec.type})${connection ? `: ${connection.command}` : ''}`,
          );
        }
      }
    } catch (error) {
      context.warn(`Cleaning up the ${spec.type} sandbox of sample ${JSON.stringify(sample.id)} failed: ${(error as Error).message}`);
    } finally {
      release();
    }
  };
  if (names.length === 0) {
    await close({ interrupted: false });
    throw new SandboxError({
      code: 'sandbox_unavailable',
      message: `Sample ${JSON.stringify(sample.id)}: the ${spec.type} sandbox's sampleInit returned no environments.`,
    });
  }
  const wrapped = Object.fromEntries(names.map((name) => [name, recordingSandbox(environments[name]!)]));
  const defaultName = names.includes('default') ? 'default' : names[0]!;
  try {
    await applySampleFiles({
      environments: wrapped,
      defaultName,
      files: sample.files,
      setup: sample.setup,
      sampleId: sample.id,
      baseDir: context.baseDir,
      signal,
    });
  } catch (error) {
    await close({ interrupted: signal.aborted });
    throw error;
  }
  return { sandboxes: { environments: wrapped, defaultName }, close };
}
