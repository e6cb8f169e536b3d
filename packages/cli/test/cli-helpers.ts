import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtBin } from './ensure-built.js';

/** The repository root: task files under it resolve `@assay/core` as a user's project would. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The end-to-end task whose solver appends each sample id it starts to a file. */
export const countingTask = path.join(repoRoot, 'packages/cli/test/fixtures/counting-task.ts');

/** What a finished `assay` process printed. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `assay` to completion. */
export function assay(options: { args: readonly string[]; env?: Record<string, string | undefined>; cwd?: string }): CliResult {
  const result = spawnSync(process.execPath, [builtBin, ...options.args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built `assay` without waiting; `done` resolves with its exit code and output. */
export function startAssay(options: { args: readonly string[]; env?: Record<string, string | undefined> }): {
  child: ChildProcess;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
} {
  const child = spawn(process.execPath, [builtBin, ...options.args], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The sample ids a counting task started, in order. */
export function readCalls(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

/** Waits until `condition` holds, polling every few milliseconds; the timeout is a hang guard, not a speed check. */
export async function waitFor(condition: () => boolean, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The path after `log: ` in the CLI's results. */
export function logPathOf(stdout: string): string {
  const match = /log: (\S+\.(?:eval|json))/.exec(stdout);
  if (!match?.[1]) throw new Error(`no log path in:\n${stdout}`);
  return match[1];
}
