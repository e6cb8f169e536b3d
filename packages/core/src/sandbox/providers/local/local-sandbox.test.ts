import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../sandbox-error.js';
import { localSandbox } from './local-sandbox.js';

const hooks = { taskName: 'test', config: null, runId: 'run12345abcdef' };

describe('local sandbox', () => {
  it('runs commands in a fresh directory per sample, with none of the runner environment, and removes it', async () => {
    process.env.ASSAY_TEST_CANARY = 'sk-canary-local';
    const first = await localSandbox.sampleInit({ ...hooks, metadata: {} });
    const second = await localSandbox.sampleInit({ ...hooks, metadata: {} });
    const a = first.default!;
    const b = second.default!;
    await a.writeFile('dir/flag.txt', 'FLAG{a}');
    expect(await a.readFile('dir/flag.txt')).toBe('FLAG{a}');
    await expect(b.readFile('dir/flag.txt')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    const result = await a.exec(['bash', '-c', 'cat dir/flag.txt; env; echo err >&2; exit 3']);
    expect(result).toMatchObject({ success: false, returncode: 3, stderr: 'err\n' });
    expect(result.stdout).toContain('FLAG{a}');
    expect(result.stdout).not.toContain('sk-canary-local');
    const input = await a.exec(['cat'], { input: 'piped', env: { GREETING: 'hi' } });
    expect(input.stdout).toBe('piped');
    const { container } = await a.connection();
    await localSandbox.sampleCleanup({ ...hooks, environments: first, interrupted: false });
    await localSandbox.sampleCleanup({ ...hooks, environments: second, interrupted: false });
    const removed = await localSandbox.cliCleanup!({ id: container });
    expect(removed).toEqual([]);
  });

  it('kills a command and its children at the timeout', async () => {
    const environments = await localSandbox.sampleInit({ ...hooks, metadata: {} });
    const environment = environments.default!;
    const error = await environment
      // A duration no other test uses: pgrep sees the whole machine, and test files run side by side.
      .exec(['bash', '-c', '(sleep 37.1; touch late-child) & sleep 37.1; touch late'], { timeout: 0.5 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe('sandbox_timeout');
    const check = await environment.exec(['bash', '-c', 'pgrep -fx "sleep 37.1" || echo none']);
    expect(check.stdout).toBe('none\n');
    await localSandbox.sampleCleanup({ ...hooks, environments, interrupted: false });
  });

  it('caps output at the limit and keeps its end', async () => {
    const environments = await localSandbox.sampleInit({ ...hooks, metadata: {} });
    const error = await environments
      .default!.exec(['bash', '-c', 'head -c 11000000 /dev/zero | tr "\\0" a; echo END'])
      .catch((thrown: unknown) => thrown as SandboxError);
    expect(error).toMatchObject({ code: 'sandbox_output_limit' });
    expect((error as SandboxError).truncatedOutput?.endsWith('aEND\n')).toBe(true);
    await localSandbox.sampleCleanup({ ...hooks, environments, interrupted: false });
  });

  it('returns from a command that leaves a background job holding stdout, and kills the job at cleanup', async () => {
    const environments = await localSandbox.sampleInit({ ...hooks, metadata: {} });
    const environment = environments.default!;
    const result = await environment.exec(['bash', '-c', 'sleep 41 & echo started']);
    expect(result.stdout).toBe('started\n');
    const workDir = (await environment.exec(['pwd'])).stdout.trim();
    await localSandbox.sampleCleanup({ ...hooks, environments, interrupted: false });
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('bash', ['-c', 'pgrep -f "^sleep 41" || echo none']).toString()).toBe('none\n');
    expect(existsSync(workDir)).toBe(false);
  });
});
