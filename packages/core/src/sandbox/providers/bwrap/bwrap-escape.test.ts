import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../sandbox-environment.js';
import { bwrapSandbox } from './bwrap-sandbox.js';
import { asBwrap, bwrapSkipReason, processesOfUid } from './bwrap-test-support.js';

const skipReason = bwrapSkipReason();
const hooks = { taskName: 'test', runId: 'bwrapescape123' };
const made: Record<string, SandboxEnvironment>[] = [];
const hostDir = mkdtempSync(join(tmpdir(), 'assay-bwrap-host-'));

async function start(config: Record<string, unknown> | null = null): Promise<SandboxEnvironment> {
  const environments = await bwrapSandbox.sampleInit({ ...hooks, config, metadata: {} });
  made.push(environments);
  return environments.default!;
}

async function cleanupAll(): Promise<void> {
  for (const environments of made.splice(0)) {
    await bwrapSandbox.sampleCleanup({ ...hooks, config: null, environments, interrupted: false });
  }
}

afterAll(async () => {
  await cleanupAll();
  rmSync(hostDir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)(`bwrap sandbox escapes${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it("sees none of the runner's environment variables, the host's home, /root or this repository", async () => {
    const canary = `sk-canary-bwrap-${process.pid}`;
    process.env.OPENAI_API_KEY = canary;
    process.env.ASSAY_TEST_CANARY = canary;
    try {
      const environment = await start();
      const everything = await environment.exec([
        'bash',
        '-c',
        'env; for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do tr "\\0" "\\n" < "$f"; done 2>/dev/null; ls -la /root /home; ls /etc',
      ]);
      expect(everything.success).toBe(true);
      expect(everything.stdout).not.toContain(canary);
      expect(everything.stdout).toContain('HOME=/home/user');
      expect((await environment.exec(['ls', '-A', '/root'])).stdout).toBe('');
      expect((await environment.exec(['ls', '/home'])).stdout).toBe('user\n');
      await expect(environment.readFile('/root/.bashrc')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
      await expect(environment.readFile('/etc/shadow')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
      await expect(environment.readFile(join(process.cwd(), 'package.json'))).rejects.toMatchObject({
        code: 'sandbox_file_not_found',
      });
      const listing = await environment.exec(['bash', '-c', 'ls /opt /srv /var /run /mnt /sys /work/../root 2>&1; true']);
      expect(listing.stdout).toMatch(/No such file or directory/);
      expect(listing.stdout).not.toMatch(/wheels|pyenv|\.bashrc/);
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.ASSAY_TEST_CANARY;
      await cleanupAll();
    }
  });

  it('cannot write outside its writable directories, nor reach a host file through a planted symlink', async () => {
    const environment = await start();
    const hostFile = join(hostDir, 'host-secret.txt');
    writeFileSync(hostFile, 'HOST-SECRET');
    const writes = await environment.exec([
      'bash',
      '-c',
      'for p in /pwned /usr/pwned /etc/pwned /etc/passwd /root/pwned /proc/pwned; do (echo x > "$p") 2>/dev/null && echo "wrote $p"; done; echo done',
    ]);
    expect(writes.stdout).toBe('done\n');
    await expect(environment.writeFile('/etc/passwd', 'root::0:0::/:/bin/sh\n')).rejects.toMatchObject({
      code: 'sandbox_permission_denied',
    });
    await expect(environment.writeFile('../pwned', 'x')).rejects.toMatchObject({ code: 'sandbox_permission_denied' });
    await environment.exec(['bash', '-c', `ln -s ${hostFile} host-link; ln -s /etc/shadow shadow-link; ln -s ${hostDir} dir-link`]);
    await expect(environment.readFile('host-link')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    await expect(environment.readFile('shadow-link')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    // Link targets resolve in the sandbox's view, where the host directory does not exist.
    await expect(environment.writeFile('host-link', 'OVERWRITTEN')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    await expect(environment.writeFile('dir-link/new.txt', 'x')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    expect(readFileSync(hostFile, 'utf8')).toBe('HOST-SECRET');
    expect(execFileSync('ls', [hostDir]).toString()).toBe('host-secret.txt\n');
    // Nor can it remount, mount or make a user namespace to get around the read-only view.
    const tricks = await environment.exec([
      'bash',
      '-c',
      'mount -o remount,rw /usr 2>&1; mount -t tmpfs none /work 2>&1; unshare -U -r true 2>&1; unshare -m true 2>&1; echo end',
    ]);
    expect(tricks.stdout).toMatch(/end\n$/);
    expect(tricks.stdout).not.toMatch(/^end\n$/);
    expect((await environment.exec(['bash', '-c', 'grep -c " /usr .*\\bro\\b" /proc/mounts'])).stdout).not.toBe('0\n');
    await cleanupAll();
  });

  it('cannot open a TCP connection to a port the host listens on', async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections++;
      socket.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const environment = await start();
      const attempt = await environment.exec([
        'bash',
        '-c',
        `for host in 127.0.0.1 $(hostname -I 2>/dev/null); do (exec 3<>/dev/tcp/$host/${port}) 2>/dev/null && echo "connected $host"; done; ip -o link 2>/dev/null | cut -d: -f2; echo done`,
      ]);
      expect(attempt.stdout).not.toContain('connected');
      expect(attempt.stdout).toMatch(/done\n$/);
      const links = await environment.exec(['cat', '/proc/net/dev']);
      expect(links.stdout).not.toMatch(/eth|ens|enp|veth/);
      expect(connections).toBe(0);
    } finally {
      server.close();
      await cleanupAll();
    }
  });

  it('contains a fork bomb at its process limit; the host keeps running and cleanup ends it', async () => {
    const environment = await start({ pids: 48 });
    const { hostUid } = asBwrap(environment);
    expect((await environment.exec(['bash', '-c', 'ulimit -u'])).stdout).toBe('48\n');
    await environment
      .exec(['bash', '-c', 'bomb() { bomb | bomb & }; bomb; sleep 2'], { timeout: 10 })
      .catch((error: unknown) => error);
    const running = processesOfUid(hostUid);
    // 48 for the sandbox's user, plus the outer bwrap process that runs as the same host uid.
    expect(running.length).toBeLessThanOrEqual(49);
    expect(execFileSync('echo', ['host alive']).toString()).toBe('host alive\n');
    await cleanupAll();
    expect(processesOfUid(hostUid)).toEqual([]);
  });

  it('is bounded in memory per process and in CPU time', async () => {
    const environment = await start({ memory: '256m', cpuSeconds: 1 });
    const memory = await environment.exec(['python3', '-c', 'x = bytearray(1024 ** 3); print("allocated")']);
    expect(memory.success).toBe(false);
    expect(memory.stderr).toContain('MemoryError');
    const cpu = await environment.exec(['bash', '-c', 'while :; do :; done'], { timeout: 300 });
    expect(cpu.success).toBe(false);
    await cleanupAll();
  });

  it('cannot fill the host disk: its writable directories are small tmpfs', async () => {
    const environment = await start({ tmpSize: '8m' });
    const fill = await environment.exec(['bash', '-c', 'head -c 64m /dev/zero > big; echo "exit $?"; stat -c %s big; df -k /work | tail -1']);
    expect(fill.stderr).toContain('No space left on device');
    const [exit, size] = fill.stdout.split('\n');
    expect(exit).toBe('exit 1');
    expect(Number(size)).toBeLessThanOrEqual(8 * 1024 * 1024);
    await environment.exec(['rm', 'big']);
    await expect(environment.writeFile('big2', new Uint8Array(16 * 1024 * 1024))).rejects.toMatchObject({
      code: 'sandbox_output_limit',
    });
    for (const dir of ['/tmp', '/home/user', '/dev/shm']) {
      const other = await environment.exec(['bash', '-c', `head -c 64m /dev/zero > ${dir}/big; stat -c %s ${dir}/big; rm ${dir}/big`]);
      expect(Number(other.stdout.trim())).toBeLessThanOrEqual(8 * 1024 * 1024);
    }
    // Nowhere else is writable: not /dev (bwrap's own tmpfs), nor the root.
    const elsewhere = await environment.exec(['bash', '-c', 'for d in /dev / /etc /root; do (echo x > $d/big) 2>/dev/null && echo "wrote $d"; done; echo done']);
    expect(elsewhere.stdout).toBe('done\n');
    expect((await environment.exec(['bash', '-c', 'echo x > /dev/null && echo ok'])).stdout).toBe('ok\n');
    await cleanupAll();
  });
});
