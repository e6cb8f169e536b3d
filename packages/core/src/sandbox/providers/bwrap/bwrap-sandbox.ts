import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineSandbox, type SandboxProvider } from '../../define-sandbox.js';
import { cleanupSandboxDirectories, createSandboxDirectory } from '../../sandbox-directory.js';
import { SandboxError } from '../../sandbox-error.js';
import { bwrapSettings, validateBwrapConfig } from './bwrap-config.js';
import { BwrapEnvironment, systemProgram, type BwrapProcessInfo } from './bwrap-environment.js';
import { processesOfUid } from './processes-of-uid.js';

function checkHost(): void {
  const missing = ['bwrap', 'nsenter', 'prlimit'].filter((name) => !systemProgram(name));
  if (missing.length > 0) {
    throw new SandboxError({
      code: 'sandbox_unavailable',
      message: `The bwrap sandbox needs ${missing.join(', ')} (Debian: apt-get install bubblewrap util-linux).`,
    });
  }
  if (process.getuid?.() !== 0) {
    throw new SandboxError({
      code: 'sandbox_unavailable',
      message:
        'The bwrap sandbox must run as root: it maps each environment to its own unprivileged host uid so its process limit holds. Run as root (e.g. in CI or a VM), or use docker.',
    });
  }
}

/**
 * The `bwrap` sandbox (Linux, bubblewrap): per environment a long-lived bwrap with its own user, mount, PID, IPC, UTS
 * and network namespaces, a read-only view of the host's `/usr`, `/bin`, `/lib*` and selected `/etc` (or a `rootfs`),
 * size-limited tmpfs for `/work`, `/tmp` and the home directory, and limits on processes, memory and CPU time.
 * Commands run as an unprivileged user whose host uid is fresh per environment. Not a VM: it shares the host kernel.
 */
export const bwrapSandbox: SandboxProvider = defineSandbox({
  name: 'bwrap',
  validateConfig(config) {
    return validateBwrapConfig(config);
  },
  async taskInit() {
    checkHost();
  },
  async sampleInit({ runId, config }) {
    checkHost();
    const settings = bwrapSettings(validateBwrapConfig(config));
    const directory = await createSandboxDirectory({ provider: 'bwrap', runId });
    return { default: await BwrapEnvironment.start({ directory, settings }) };
  },
  async sampleCleanup({ environments }) {
    for (const environment of Object.values(environments)) {
      if (environment instanceof BwrapEnvironment) await environment.remove();
    }
  },
  async cliCleanup({ id }) {
    return cleanupSandboxDirectories({
      provider: 'bwrap',
      id,
      // bwrap dies with its runner; a live one is only stopped when asked for by id, and whatever still runs as its
      // host uid is ended.
      beforeRemove: async (directory) => {
        let info: BwrapProcessInfo;
        try {
          info = JSON.parse(await readFile(join(directory.path, 'bwrap.json'), 'utf8')) as BwrapProcessInfo;
        } catch {
          return;
        }
        for (const pid of [info.childPid, info.bwrapPid]) {
          try {
            const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
            if (cmdline.includes(directory.id)) process.kill(pid, 'SIGKILL');
          } catch {
            // Gone.
          }
        }
        // Anything still running as the environment's own host uid (no one else uses it) is what it left.
        for (const pid of processesOfUid(info.hostUid)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone.
          }
        }
      },
    });
  },
});
