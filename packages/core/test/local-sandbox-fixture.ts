// Real `local` sandbox environments for tool tests: a fresh directory per call, bound to the async context as the
// runner binds a sample's environments, and removed (with every process its commands left) afterwards.
import { localSandbox } from '../src/sandbox/providers/local/local-sandbox.js';
import type { SandboxEnvironment } from '../src/sandbox/sandbox-environment.js';
import { withSandboxes } from '../src/sandbox/sandbox.js';

const hooks = { taskName: 'tools-test', config: null, runId: 'toolstest0000001' };

/** Runs `fn` inside a sample with local environments named `names` (the first is the default). */
export async function withLocalSandbox<TResult>(
  fn: (environments: Record<string, SandboxEnvironment>) => Promise<TResult>,
  names: readonly string[] = ['default'],
): Promise<TResult> {
  const initialised: Array<Record<string, SandboxEnvironment>> = [];
  const environments: Record<string, SandboxEnvironment> = {};
  try {
    for (const name of names) {
      const created = await localSandbox.sampleInit({ ...hooks, metadata: {} });
      initialised.push(created);
      environments[name] = created.default!;
    }
    return await withSandboxes({ environments, defaultName: names[0]! }, () => fn(environments));
  } finally {
    for (const created of initialised) await localSandbox.sampleCleanup({ ...hooks, environments: created, interrupted: false });
  }
}
