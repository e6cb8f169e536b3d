import { decodeFileContents } from '../../decode-file-contents.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { runProcess } from '../../run-process.js';
import type { SandboxDirectory } from '../../sandbox-directory.js';
import type { ExecOptions, ExecResult, SandboxConnection, SandboxEnvironment } from '../../sandbox-environment.js';
import { sandboxLimits } from '../../sandbox-environment.js';
import { SandboxError } from '../../sandbox-error.js';
import { bwrapArguments, sandboxEtcFiles, sandboxPath, sandboxUser, sandboxWorkDir } from './bwrap-arguments.js';
import type { BwrapSettings } from './bwrap-config.js';
import { readFileScript, writeFileScript, fileScriptError } from './bwrap-file-scripts.js';

/** Namespaces an exec enters, as nsenter names them. */
const namespaces = ['user', 'mnt', 'pid', 'net', 'ipc', 'uts'] as const;
const nsenterFlags: Record<(typeof namespaces)[number], string> = {
  user: '--user',
  mnt: '--mount',
  pid: '--pid',
  net: '--net',
  ipc: '--ipc',
  uts: '--uts',
};

/** What `.assay-sandbox.json`'s neighbour `bwrap.json` records, so `assay sandbox cleanup` can stop a live one. */
export interface BwrapProcessInfo {
  bwrapPid: number;
  childPid: number;
  hostUid: number;
}

/** Finds a host program in the system directories (never from the runner's PATH). */
export function systemProgram(name: string): string | undefined {
  if (!programs.has(name)) {
    programs.set(name, ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((dir) => join(dir, name)).find((path) => existsSync(path)));
  }
  return programs.get(name);
}

const programs = new Map<string, string | undefined>();

/**
 * One `bwrap` environment: a long-lived bwrap whose namespaces are held by a process that only waits, so files,
 * background services and localhost persist across execs. Each exec enters those namespaces with `nsenter` (as the
 * sandbox's unprivileged user, with `prlimit` limits) through namespace descriptors this process holds open, so a
 * reused pid can never redirect an exec to another process's namespaces.
 */
export class BwrapEnvironment implements SandboxEnvironment {
  private bwrap: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private childPid = 0;
  private readonly descriptors = new Map<string, number>();
  private removed = false;
  private bwrapExited = false;
  /** The host uid the sandbox's user is mapped to: fresh per environment, so `RLIMIT_NPROC` counts only its processes. */
  readonly hostUid = randomInt(0x40000000, 0x60000000);

  private constructor(
    readonly id: string,
    private readonly directory: SandboxDirectory,
    private readonly settings: BwrapSettings,
  ) {}

  /** Starts the environment's bwrap and waits until its namespaces are ready. */
  static async start(options: { directory: SandboxDirectory; settings: BwrapSettings }): Promise<BwrapEnvironment> {
    const environment = new BwrapEnvironment(options.directory.id, options.directory, options.settings);
    try {
      await environment.launch();
    } catch (error) {
      await environment.remove();
      throw error;
    }
    return environment;
  }

  private async launch(): Promise<void> {
    const bwrapPath = systemProgram('bwrap');
    if (!bwrapPath) throw unavailable('bwrap is not installed (Debian: apt-get install bubblewrap).');
    const etcFiles = sandboxEtcFiles('assay-sandbox');
    const dataFds = etcFiles.map((_, index) => 4 + index);
    const args = bwrapArguments({ id: this.id, hostname: 'assay-sandbox', settings: this.settings, dataFds });
    const child = spawn(bwrapPath, args, {
      uid: this.hostUid,
      gid: this.hostUid,
      detached: true,
      env: { PATH: sandboxPath },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', ...etcFiles.map(() => 'pipe' as const)],
    });
    this.bwrap = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        this.bwrapExited = true;
        resolve();
      });
      child.once('error', () => {
        this.bwrapExited = true;
        resolve();
      });
    });
    child.unref();
    // A data pipe bwrap never reads (a rootfs without that /etc file) is reset when it exits: not an error.
    for (const stream of child.stdio) (stream as Readable | null)?.on('error', () => {});
    let stderr = '';
    const errorStream = child.stdio[2] as Readable;
    errorStream.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    etcFiles.forEach((file, index) => (child.stdio[4 + index] as Writable).end(file.contents));
    const info = await new Promise<Record<string, number>>((resolve, reject) => {
      let text = '';
      const failed = (reason: string): void =>
        reject(unavailable(`bwrap did not start (${reason})${stderr ? `: ${stderr.trim()}` : ''}.`));
      child.once('error', (error) => failed(error.message));
      child.once('exit', (code) => setTimeout(() => failed(`exit code ${code}`), 50));
      (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        try {
          resolve(JSON.parse(text) as Record<string, number>);
        } catch {
          // Not complete yet.
        }
      });
    });
    // The pipes are sockets; unreferenced, they do not keep the runner alive after its last sample.
    for (const stream of child.stdio) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    this.childPid = info['child-pid']!;
    const target = await this.waitForTarget();
    for (const name of namespaces) this.descriptors.set(name, openSync(`/proc/${target}/ns/${name}`, 'r'));
    this.descriptors.set('root', openSync(`/proc/${target}/root`, 'r'));
    if (fstatSync(this.descriptors.get('pid')!).ino !== info['pid-namespace']) {
      throw unavailable('the sandbox ended while it was starting.');
    }
    const processInfo: BwrapProcessInfo = { bwrapPid: child.pid!, childPid: this.childPid, hostUid: this.hostUid };
    await writeFile(join(this.directory.path, 'bwrap.json'), JSON.stringify(processInfo));
  }

  /** The waiting process (pid 2 inside), which is in every namespace, the nested user namespace included. */
  private async waitForTarget(): Promise<number> {
    const childrenFile = `/proc/${this.childPid}/task/${this.childPid}/children`;
    for (let attempt = 0; attempt < 2000; attempt++) {
      let children = '';
      try {
        children = readFileSync(childrenFile, 'utf8').trim();
      } catch {
        throw unavailable('the sandbox ended while it was starting.');
      }
      if (children) return Number(children.split(' ')[0]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw unavailable('the sandbox did not start its first process.');
  }

  private descriptorPath(name: string): string {
    const fd = this.descriptors.get(name);
    if (fd === undefined || this.removed) throw unavailable('the environment has been cleaned up.');
    return `/proc/${process.pid}/fd/${fd}`;
  }

  /** The command line that runs `command` inside, as the sandbox's user, with the environment's limits. */
  private commandLine(command: readonly string[], cwd: string): string[] {
    const { settings } = this;
    return [
      systemProgram('prlimit') ?? 'prlimit',
      `--nproc=${settings.pids}`,
      `--as=${settings.memoryBytes}`,
      `--cpu=${settings.cpuSeconds}`,
      '--',
      systemProgram('nsenter') ?? 'nsenter',
      ...namespaces.map((name) => `${nsenterFlags[name]}=${this.descriptorPath(name)}`),
      `--root=${this.descriptorPath('root')}`,
      `--wdns=${cwd}`,
      `--setuid=${sandboxUser.uid}`,
      `--setgid=${sandboxUser.uid}`,
      '--',
      ...command,
    ];
  }

  async exec(cmd: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.run(cmd, options);
  }

  private async run(cmd: readonly string[], options: ExecOptions & { maxOutput?: number }): Promise<ExecResult> {
    if (options.user !== undefined && options.user !== sandboxUser.name && options.user !== String(sandboxUser.uid)) {
      throw new SandboxError({
        code: 'sandbox_config',
        message: `The bwrap sandbox runs commands as its one unprivileged user "${sandboxUser.name}" (uid ${sandboxUser.uid}); it cannot run as "${options.user}". Use docker for other users.`,
      });
    }
    if (cmd.length === 0) throw new SandboxError({ code: 'sandbox_config', message: 'exec needs a command (an empty list was given).' });
    const cwd = options.cwd === undefined ? sandboxWorkDir : posix.resolve(sandboxWorkDir, options.cwd);
    const result = await runProcess({
      command: this.commandLine(cmd, cwd),
      input: options.input,
      env: {
        PATH: sandboxPath,
        HOME: sandboxUser.home,
        USER: sandboxUser.name,
        LOGNAME: sandboxUser.name,
        LANG: 'C.UTF-8',
        TERM: 'dumb',
        ...options.env,
      },
      timeout: options.timeout,
      signal: options.signal,
      maxOutput: options.maxOutput,
    });
    // nsenter's own failures (the sandbox's processes are gone) are not the command's result.
    const gone = /^nsenter: fork failed: Cannot allocate memory/.test(result.stderr);
    if (!result.success && result.stderr.startsWith('nsenter: ') && (gone || !this.isAlive())) {
      throw unavailable(`the environment is gone (${result.stderr.trim()}).`);
    }
    if (!result.success && result.stderr.startsWith('nsenter: failed to execute')) {
      return { ...result, returncode: 127 };
    }
    return result;
  }

  private isAlive(): boolean {
    return !this.removed && !this.bwrapExited && existsSync(`/proc/${this.childPid}`);
  }

  async writeFile(path: string, contents: string | Uint8Array): Promise<void> {
    const result = await this.run(['sh', '-c', writeFileScript, 'sh', path], { input: contents });
    if (!result.success) throw fileScriptError(result, path);
  }

  readFile(path: string, options?: { text?: true }): Promise<string>;
  readFile(path: string, options: { text: false }): Promise<Uint8Array>;
  async readFile(path: string, options?: { text?: boolean }): Promise<string | Uint8Array> {
    const limit = sandboxLimits.maxReadFileSize;
    let result: ExecResult;
    try {
      result = await this.run(['sh', '-c', readFileScript, 'sh', path, String(limit)], {
        maxOutput: Math.ceil(limit / 3) * 4 + 4,
      });
    } catch (error) {
      if (error instanceof SandboxError && error.code === 'sandbox_output_limit') {
        throw new SandboxError({ code: 'sandbox_output_limit', message: `File '${path}' is over the ${limit}-byte read limit.`, path });
      }
      throw error;
    }
    if (!result.success) throw fileScriptError(result, path);
    return decodeFileContents({ bytes: Buffer.from(result.stdout, 'base64'), path, text: options?.text });
  }

  async connection(): Promise<SandboxConnection> {
    if (!this.isAlive()) throw unavailable('the environment is gone.');
    const target = await this.waitForTarget();
    return {
      type: 'bwrap',
      command: `sudo nsenter --target ${target} --all --root --wdns=${sandboxWorkDir} --setuid=${sandboxUser.uid} --setgid=${sandboxUser.uid} env -i PATH=${sandboxPath} HOME=${sandboxUser.home} TERM=xterm bash -l`,
      container: this.id,
    };
  }

  /** Ends every process of the environment (killing pid 1 of its PID namespace ends them all) and removes its marker. */
  async remove(): Promise<void> {
    this.removed = true;
    for (const fd of this.descriptors.values()) closeSync(fd);
    this.descriptors.clear();
    // Only while bwrap runs is its child's pid certainly still the sandbox's (bwrap exits as soon as it reaps it);
    // killing pid 1 of the PID namespace ends every process in it, and bwrap exits after reaping it.
    if (!this.bwrapExited) killPid(this.childPid || this.bwrap?.pid || 0);
    const hangGuard = setTimeout(() => {
      if (!this.bwrapExited && this.bwrap?.pid !== undefined) killPid(this.bwrap.pid);
    }, 10_000);
    await this.exited;
    clearTimeout(hangGuard);
    await rm(this.directory.path, { recursive: true, force: true });
  }
}

function killPid(pid: number): void {
  if (pid <= 0) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function unavailable(message: string): SandboxError {
  return new SandboxError({ code: 'sandbox_unavailable', message: `bwrap sandbox: ${message}` });
}
