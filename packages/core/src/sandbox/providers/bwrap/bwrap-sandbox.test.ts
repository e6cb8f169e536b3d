import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../sandbox-environment.js';
import { createSandboxDirectory, sandboxDirectoryRoot } from '../../sandbox-directory.js';
import { SandboxError } from '../../sandbox-error.js';
import { resolveSandboxProvider } from '../../builtin-sandboxes.js';
import { bwrapSandbox } from './bwrap-sandbox.js';
import { asBwrap, bwrapSkipReason, processesInMountNamespace, processesOfUid } from './bwrap-test-support.js';

const skipReason = bwrapSkipReason();
const hooks = { taskName: 'test', runId: 'bwraptest1234' };
const made: Record<string, SandboxEnvironment>[] = [];

async function start(config: Record<string, unknown> | null = null): Promise<SandboxEnvironment> {
  const environments = await bwrapSandbox.sampleInit({ ...hooks, config, metadata: {} });
  made.push(environments);
  return environments.default!;
}

async function cleanup(environment: SandboxEnvironment): Promise<void> {
  const environments = made.find((entry) => entry.default === environment)!;
  await bwrapSandbox.sampleCleanup({ ...hooks, config: null, environments, interrupted: false });
}

afterAll(async () => {
  for (const environments of made) {
    await bwrapSandbox.sampleCleanup({ ...hooks, config: null, environments, interrupted: true });
  }
});

describe.skipIf(skipReason !== undefined)(`bwrap sandbox${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('is a built-in provider', () => {
    expect(resolveSandboxProvider('bwrap')).toBe(bwrapSandbox);
  });

  it('runs commands in /work as its own user, reads and writes files, and reports errors', async () => {
    const environment = await start();
    const result = await environment.exec(['bash', '-c', 'id -un; pwd; echo err >&2; exit 3']);
    expect(result).toEqual({ success: false, returncode: 3, stdout: 'user\n/work\n', stderr: 'err\n' });
    expect((await environment.exec(['cat'], { input: 'piped' })).stdout).toBe('piped');
    expect((await environment.exec(['sh', '-c', 'echo $GREETING'], { env: { GREETING: 'hi' } })).stdout).toBe('hi\n');
    expect((await environment.exec(['pwd'], { cwd: 'no-such-dir' })).success).toBe(false);
    await environment.writeFile('dir/flag.txt', 'FLAG{a}');
    expect((await environment.exec(['pwd'], { cwd: 'dir' })).stdout).toBe('/work/dir\n');
    expect(await environment.readFile('dir/flag.txt')).toBe('FLAG{a}');
    expect(await environment.readFile('/work/dir/flag.txt')).toBe('FLAG{a}');
    await environment.writeFile('/tmp/bytes.bin', new Uint8Array([0, 255, 1]));
    expect(await environment.readFile('/tmp/bytes.bin', { text: false })).toEqual(new Uint8Array([0, 255, 1]));
    await expect(environment.readFile('/tmp/bytes.bin')).rejects.toMatchObject({ code: 'sandbox_decode' });
    await expect(environment.readFile('missing.txt')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    await expect(environment.readFile('dir')).rejects.toMatchObject({ code: 'sandbox_is_a_directory' });
    await expect(environment.writeFile('dir', 'x')).rejects.toMatchObject({ code: 'sandbox_is_a_directory' });
    await expect(environment.readFile('/etc/hostname')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    await expect(environment.writeFile('/usr/pwned', 'x')).rejects.toMatchObject({ code: 'sandbox_permission_denied' });
    expect((await environment.exec(['no-such-program'])).returncode).toBe(127);
    await expect(environment.exec(['true'], { user: 'root' })).rejects.toMatchObject({ code: 'sandbox_config' });
    expect((await environment.exec(['id', '-u'], { user: 'user' })).stdout).toBe('1000\n');
    const connection = await environment.connection();
    expect(connection).toMatchObject({ type: 'bwrap', container: expect.stringMatching(/^bwrap-/) });
    expect(connection.command).toContain('nsenter');
    await cleanup(environment);
    await expect(environment.exec(['true'])).rejects.toMatchObject({ code: 'sandbox_unavailable' });
  });

  it('keeps two samples apart: files, processes and localhost ports', async () => {
    const first = await start();
    const second = await start();
    await first.writeFile('secret.txt', 'FLAG{first}');
    await expect(second.readFile('secret.txt')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    await first.exec(['bash', '-c', 'sleep 97 > /dev/null 2>&1 &']);
    expect((await second.exec(['bash', '-c', 'ps -eo args | grep -c "^sleep 97" || true'])).stdout).toBe('0\n');
    expect((await first.exec(['bash', '-c', 'ps -eo args | grep -c "^sleep 97" || true'])).stdout).toBe('1\n');
    const serve = 'python3 -m http.server 8000 > /dev/null 2>&1 & sleep 0.2; echo started';
    const probe = ['python3', '-c', 'import socket, time\nfor _ in range(100):\n  try: socket.create_connection(("127.0.0.1", 8000), 1); print("open"); break\n  except OSError: time.sleep(0.1)\nelse: print("closed")'];
    await first.exec(['bash', '-c', serve]);
    expect((await first.exec(probe)).stdout).toBe('open\n');
    const refused = ['python3', '-c', 'import socket\ntry: socket.create_connection(("127.0.0.1", 8000), 1); print("open")\nexcept OSError: print("closed")'];
    expect((await second.exec(refused)).stdout).toBe('closed\n');
    await second.exec(['bash', '-c', serve]);
    expect((await second.exec(probe)).stdout).toBe('open\n');
    await cleanup(first);
    await cleanup(second);
  });

  it('keeps a background service started by one exec running and reachable on localhost from later execs', async () => {
    const environment = await start();
    await environment.writeFile('www/index.html', 'served');
    const started = await environment.exec(['bash', '-c', 'cd www && python3 -m http.server 8000 > /tmp/server.log 2>&1 & echo started']);
    expect(started.stdout).toBe('started\n');
    // A job that holds stdout open does not hold the exec back either.
    expect((await environment.exec(['bash', '-c', 'sleep 41 & echo held'])).stdout).toBe('held\n');
    const fetch = [
      'python3',
      '-c',
      'import time, urllib.request\nfor _ in range(600):\n  try:\n    print(urllib.request.urlopen("http://127.0.0.1:8000/index.html").read().decode()); break\n  except OSError: time.sleep(0.1)',
    ];
    expect((await environment.exec(fetch)).stdout).toBe('served\n');
    expect((await environment.exec(fetch)).stdout).toBe('served\n');
    await cleanup(environment);
  });

  it('kills a command and its children at the timeout', async () => {
    const environment = await start();
    const error = await environment
      .exec(['bash', '-c', '(sleep 38.2; touch late-child) & sleep 38.2; touch late'], { timeout: 0.5 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe('sandbox_timeout');
    // A duration no other test uses (pgrep may see more than the sandbox, and test files run side by side).
    expect((await environment.exec(['bash', '-c', 'pgrep -fx "sleep 38.2" || echo none'])).stdout).toBe('none\n');
    await cleanup(environment);
  });

  it('leaves no process, mount namespace or directory after sampleCleanup', async () => {
    const mountsBefore = readFileSync('/proc/mounts', 'utf8');
    const environment = await start();
    const bwrap = asBwrap(environment);
    await environment.exec(['bash', '-c', 'python3 -m http.server 8001 > /dev/null 2>&1 & sleep 93 > /dev/null 2>&1 & echo ok']);
    const inside = processesOfUid(bwrap.hostUid);
    expect(inside.length).toBeGreaterThanOrEqual(3);
    const hostNamespace = readlinkSync('/proc/self/ns/mnt');
    const mountNamespace = inside.map((pid) => readlinkSync(`/proc/${pid}/ns/mnt`)).find((name) => name !== hostNamespace)!;
    expect(mountNamespace).toBeDefined();
    expect(processesInMountNamespace(mountNamespace).length).toBeGreaterThan(0);
    const { container } = await environment.connection();
    expect(existsSync(join(sandboxDirectoryRoot(), container!))).toBe(true);
    await cleanup(environment);
    expect(processesOfUid(bwrap.hostUid)).toEqual([]);
    expect(processesInMountNamespace(mountNamespace)).toEqual([]);
    expect(existsSync(join(sandboxDirectoryRoot(), container!))).toBe(false);
    expect(readFileSync('/proc/mounts', 'utf8')).toBe(mountsBefore);
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toMatch(/^sleep 93/m);
  });

  it('removes the directories of dead runs with cliCleanup, and leaves live ones', async () => {
    const environment = await start();
    const { container } = await environment.connection();
    expect(await bwrapSandbox.cliCleanup!({})).not.toContain(container);
    expect(await bwrapSandbox.cliCleanup!({ id: container! })).toEqual([container]);
    // The kill is asynchronous: once the environment's processes are gone, an exec says so.
    while (processesOfUid(asBwrap(environment).hostUid).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(environment.exec(['true'])).rejects.toMatchObject({ code: 'sandbox_unavailable' });
    await cleanup(environment);
  });

  it('dies with a runner killed with kill -9, and cliCleanup then removes what that run left', async () => {
    const script = join(tmpdir(), `assay-bwrap-runner-${process.pid}.mts`);
    writeFileSync(
      script,
      [
        `import { bwrapSandbox } from ${JSON.stringify(join(import.meta.dirname, 'bwrap-sandbox.ts'))};`,
        "const environments = await bwrapSandbox.sampleInit({ taskName: 't', config: null, runId: 'killedrun123', metadata: {} });",
        "await environments.default.exec(['bash', '-c', 'sleep 300 > /dev/null 2>&1 &']);",
        'const { container } = await environments.default.connection();',
        'console.log(JSON.stringify({ container, hostUid: environments.default.hostUid }));',
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    const runner = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => {
      let text = '';
      runner.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
    });
    const { container, hostUid } = JSON.parse(line) as { container: string; hostUid: number };
    expect(processesOfUid(hostUid).length).toBeGreaterThan(0);
    runner.kill('SIGKILL');
    await new Promise((resolve) => runner.once('exit', resolve));
    // --die-with-parent: the environment's processes end on their own (polled; a hang guard only).
    while (processesOfUid(hostUid).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(join(sandboxDirectoryRoot(), container))).toBe(true);
    expect(await bwrapSandbox.cliCleanup!({})).toContain(container);
    expect(existsSync(join(sandboxDirectoryRoot(), container))).toBe(false);
    rmSync(script, { force: true });
  });

  it('cliCleanup ends whatever still runs as a left environment\'s host uid', async () => {
    const directory = await createSandboxDirectory({ provider: 'bwrap', runId: 'leftover1234' });
    const hostUid = 0x5fff0000 + (process.pid % 0xffff);
    writeFileSync(join(directory.path, 'bwrap.json'), JSON.stringify({ bwrapPid: 0, childPid: 0, hostUid }));
    const stray = spawn('sleep', ['300'], { uid: hostUid, gid: hostUid, stdio: 'ignore', detached: true });
    const exited = new Promise((resolve) => stray.once('exit', resolve));
    expect(processesOfUid(hostUid)).toEqual([stray.pid]);
    expect(await bwrapSandbox.cliCleanup!({ id: directory.id })).toEqual([directory.id]);
    await exited;
    expect(processesOfUid(hostUid)).toEqual([]);
    expect(existsSync(directory.path)).toBe(false);
  });

  it('uses a root filesystem directory from its config instead of the host system', async () => {
    const rootfs = mkdtempSync(join(tmpdir(), 'assay-bwrap-rootfs-'));
    // A tiny root filesystem: a few host programs and the libraries they load, copied, and an /etc of its own.
    const programs = ['sh', 'cat', 'mkdir', 'base64', 'stat', 'sleep', 'ls'].map((name) => `/usr/bin/${name}`);
    const libraries = programs.flatMap((program) =>
      [...execFileSync('ldd', [program]).toString().matchAll(/(\/\S+) \(0x/g)].map((match) => match[1]!),
    );
    for (const file of [...programs, ...libraries]) {
      const real = realpathSync(file);
      mkdirSync(join(rootfs, dirname(file)), { recursive: true });
      copyFileSync(real, join(rootfs, file));
    }
    mkdirSync(join(rootfs, 'etc'));
    writeFileSync(join(rootfs, 'etc', 'os-release'), 'ID=tinyfs\n');
    writeFileSync(join(rootfs, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    for (const name of ['bin', 'lib', 'lib64']) {
      if (!existsSync(join(rootfs, name))) symlinkSync(`usr/${name}`, join(rootfs, name));
    }
    chmodSync(rootfs, 0o755);
    try {
      expect(bwrapSandbox.validateConfig!(rootfs)).toEqual({ rootfs });
      const environment = await start({ rootfs });
      expect((await environment.exec(['cat', '/etc/os-release'])).stdout).toBe('ID=tinyfs\n');
      expect((await environment.exec(['ls', '/usr/bin'])).stdout).toBe('base64\ncat\nls\nmkdir\nsh\nsleep\nstat\n');
      expect((await environment.exec(['python3', '--version'])).returncode).toBe(127);
      await environment.writeFile('notes/a.txt', 'in the rootfs sandbox');
      expect(await environment.readFile('notes/a.txt')).toBe('in the rootfs sandbox');
      expect((await environment.exec(['cat', '/etc/passwd'])).stdout).toContain('user:x:1000');
      expect(readFileSync(join(rootfs, 'etc', 'passwd'), 'utf8')).toBe('root:x:0:0::/root:/bin/sh\n');
      await cleanup(environment);
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  });

  it('checks its config, naming the key', () => {
    expect(bwrapSandbox.validateConfig!({ memory: '512m', pids: 64, cpuSeconds: 10, tmpSize: '64m', network: false })).toEqual({
      memory: '512m',
      pids: 64,
      cpuSeconds: 10,
      tmpSize: '64m',
      network: false,
    });
    expect(() => bwrapSandbox.validateConfig!({ pids: 0 })).toThrow(/"pids"/);
    expect(() => bwrapSandbox.validateConfig!({ memory: 'lots' })).toThrow(/"memory": use bytes/);
    expect(() => bwrapSandbox.validateConfig!({ image: 'debian' })).toThrow(/unknown key "image"/);
    expect(() => bwrapSandbox.validateConfig!({ rootfs: '/no/such/dir' })).toThrow(/"rootfs"/);
    expect(bwrapSandbox.validateConfig!('/usr')).toEqual({ rootfs: '/usr' });
    expect(() => bwrapSandbox.validateConfig!('/no/such/config.json')).toThrow(SandboxError);
  });
});
