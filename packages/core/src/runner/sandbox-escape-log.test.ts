import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEvalLog } from '../log/node/index.js';
import type { SandboxEvent } from '../log/schema/events.js';
import { bwrapSkipReason } from '../sandbox/providers/bwrap/bwrap-test-support.js';
import { dockerTestImage, dockerUnavailableReason } from '../sandbox/providers/docker/docker-test-support.js';
import { sandbox } from '../sandbox/sandbox.js';
import { defineSolver } from '../solver/define-solver.js';
import { task } from '../task/task.js';
import { evaluate } from './evaluate.js';

// Escape attempts run the way a model's commands do (through sandbox() in a sample), so each one is a SandboxEvent
// in the log, showing it failed. In CI (.ci/run installs bubblewrap and Docker) these run; elsewhere a missing part
// skips them with the reason shown.
function dockerMissing(): string | undefined {
  return process.env.CI ? undefined : dockerUnavailableReason();
}

const logDir = mkdtempSync(join(tmpdir(), 'assay-escape-log-'));
const canary = `sk-canary-escape-${process.pid}`;
// A file only the host has: the sandbox must not be able to read it (the sandbox's own /root may exist).
const hostMarker = join(tmpdir(), `assay-host-marker-${process.pid}`);
const hostSecret = `HOST-MARKER-${process.pid}`;
const hostWrite = `/usr/assay-pwned-${process.pid}`;
let server: Server;
let port = 0;

beforeAll(async () => {
  process.env.OPENAI_API_KEY = canary;
  writeFileSync(hostMarker, hostSecret);
  server = createServer((socket) => socket.end('HOST-SECRET\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  rmSync(hostMarker, { force: true });
  await new Promise((resolve) => server.close(resolve));
  rmSync(logDir, { recursive: true, force: true });
});

/** Each attempt: a name, the command, and what in its event shows it failed. */
const attempts = (type: string): { name: string; cmd: string[]; timeout?: number }[] => [
  { name: 'write-outside', cmd: ['bash', '-c', `echo pwned > ${hostWrite}`] },
  { name: 'read-host', cmd: ['bash', '-c', `cat ${hostMarker} /root/.bashrc; ls -la /root`] },
  { name: 'runner-env', cmd: ['bash', '-c', 'env; cat /proc/1/environ | tr "\\0" "\\n"'] },
  {
    name: 'network',
    cmd: ['python3', '-c', `import socket; s = socket.create_connection(("127.0.0.1", ${port}), 3); print("CONNECTED", s.recv(100))`],
  },
  { name: 'fork-bomb', cmd: ['bash', '-c', 'f() { f | f & }; f; sleep 5'], timeout: 8 },
  // Docker here has no disk quota (overlay2 without project quotas): only bwrap's size-limited tmpfs is tried.
  ...(type === 'bwrap'
    ? [{ name: 'fill-disk', cmd: ['bash', '-c', 'head -c 3000000000 /dev/zero > fill.bin; echo "exit $?"; rm -f fill.bin'], timeout: 60 }]
    : []),
];

const escapeSolver = defineSolver({
  name: 'escape_attempts',
  options: z.object({ type: z.string() }),
  create: ({ type }) => async (state) => {
    for (const attempt of attempts(type)) {
      const result = await sandbox()
        .exec(attempt.cmd, { timeout: attempt.timeout ?? 30 })
        .catch((error: unknown) => ({ success: false, returncode: -1, stdout: '', stderr: String(error) }));
      state.store.set(attempt.name, { success: result.success, stdout: result.stdout.slice(0, 2000) });
    }
    return state;
  },
});

const variants = [
  { type: 'bwrap', spec: { type: 'bwrap', config: { tmpSize: '64m' } }, missing: bwrapSkipReason() },
  { type: 'docker', spec: ['docker', dockerTestImage] as const, missing: dockerMissing() },
];

for (const variant of variants) {
  describe.skipIf(variant.missing !== undefined)(
    `escape attempts in ${variant.type}, as the log shows them${variant.missing ? ` (skipped: ${variant.missing})` : ''}`,
    () => {
      it('fail, each a sandbox event in the log, and the runner key appears nowhere in the log', async () => {
        const escapes = task({ name: `escapes_${variant.type}`, dataset: [{ input: 'escape' }], solver: escapeSolver({ type: variant.type }), sandbox: variant.spec });
        const [log] = await evaluate(escapes, { model: 'mockllm/model', logDir });
        expect(log!.status).toBe('success');
        const full = await readEvalLog({ path: log!.location! });
        const sample = full.samples![0]!;
        const outcome = (name: string): { success: boolean; stdout: string } =>
          sample.store[name] as { success: boolean; stdout: string };
        expect(existsSync(hostWrite)).toBe(false);
        expect(outcome('read-host').stdout).not.toContain(hostSecret);
        expect(outcome('runner-env').stdout).not.toContain(canary);
        expect(outcome('network').stdout).not.toContain('CONNECTED');
        expect(outcome('network').success).toBe(false);
        if (variant.type === 'bwrap') expect(outcome('fill-disk').stdout).not.toBe('exit 0\n');
        // Every attempt is in the transcript as an exec, with its (failed) outcome.
        const execs = sample.events.filter((event): event is SandboxEvent => event.event === 'sandbox' && event.action === 'exec');
        for (const attempt of attempts(variant.type)) {
          const event = execs.find((candidate) => candidate.cmd?.includes(attempt.cmd.at(-1)!.slice(0, 20)));
          expect(event, attempt.name).toBeDefined();
        }
        const networkEvent = execs.find((event) => event.cmd?.includes('create_connection'))!;
        expect(networkEvent.result ?? -1).not.toBe(0);
        if (variant.type === 'bwrap') {
          // bwrap's /usr is the host's, read-only; a container's /usr is its own, so there the write may succeed.
          const writeEvent = execs.find((event) => event.cmd?.includes(hostWrite))!;
          expect(writeEvent.result ?? -1).not.toBe(0);
        }
        expect(readFileSync(log!.location!).includes(canary)).toBe(false);
      });
    },
  );
}
