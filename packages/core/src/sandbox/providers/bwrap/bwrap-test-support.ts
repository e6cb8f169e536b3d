import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import type { SandboxEnvironment } from '../../sandbox-environment.js';
import { BwrapEnvironment } from './bwrap-environment.js';

export { processesOfUid } from './processes-of-uid.js';

/** Why the real-bwrap tests cannot run here, or undefined when they can; in CI they always run (and fail). */
export function bwrapSkipReason(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync('/usr/bin/bwrap')) return 'bwrap is not installed (apt-get install bubblewrap)';
  if (process.getuid?.() !== 0) return 'the bwrap sandbox needs root';
  return undefined;
}

/** The environment object a test made with the provider (the provider returns `BwrapEnvironment`s). */
export function asBwrap(environment: SandboxEnvironment | undefined): BwrapEnvironment {
  if (!(environment instanceof BwrapEnvironment)) throw new Error('not a bwrap environment');
  return environment;
}

/** Host pids of the processes in mount namespace `namespace` (`mnt:[4026…]`). */
export function processesInMountNamespace(namespace: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/mnt`) === namespace) pids.push(Number(name));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}
