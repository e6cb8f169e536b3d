import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssayBin, ensureCreateAssayBuilt } from './ensure-built.js';

const root = await mkdtemp(path.join(os.tmpdir(), 'create-assay-cli-'));
afterAll(() => rm(root, { recursive: true, force: true }));
beforeAll(() => ensureCreateAssayBuilt());

function createAssay(options: { args: string[]; cwd: string; userAgent?: string }): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, npm_config_user_agent: options.userAgent ?? 'npm/11.0.0 node/v20.19.0 linux x64' };
  const result = spawnSync(process.execPath, [createAssayBin, ...options.args], { cwd: options.cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function repoVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL(`../../${name}/package.json`, import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

describe('the create-assay bin', () => {
  it('prints help and writes nothing', async () => {
    const cwd = await mkdtemp(path.join(root, 'help-'));
    const result = createAssay({ args: ['--help'], cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: create-assay \[directory\]/);
    expect(result.stdout).toContain('npm create assay@latest my-evals');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('makes the named folder, with the @assay versions built in, and prints the next steps', async () => {
    const cwd = await mkdtemp(path.join(root, 'named-'));
    const result = createAssay({ args: ['my-evals'], cwd });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Next steps:\n {2}cd my-evals\n {2}npm install .*\n {2}npm test .*\n {2}npm run eval /);
    const manifest = JSON.parse(await readFile(path.join(cwd, 'my-evals/package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ '@assay/core': `^${await repoVersion('core')}`, '@assay/cli': `^${await repoVersion('cli')}` });
  });

  it('makes assay-evals without prompting when given no name, and names pnpm when pnpm ran it', async () => {
    const cwd = await mkdtemp(path.join(root, 'default-'));
    const result = createAssay({ args: [], cwd, userAgent: 'pnpm/10.34.9 npm/? node/v20.19.0 linux x64' });
    expect(result.status).toBe(0);
    expect(await readdir(cwd)).toEqual(['assay-evals']);
    expect(result.stdout).toContain('  cd assay-evals\n  pnpm install');
    expect(result.stdout).toContain('  pnpm eval ');
  });

  it('refuses a non-empty folder with exit code 2 and touches nothing', async () => {
    const cwd = await mkdtemp(path.join(root, 'taken-'));
    await mkdir(path.join(cwd, 'my-evals'));
    await writeFile(path.join(cwd, 'my-evals/notes.txt'), 'keep me');
    const result = createAssay({ args: ['my-evals'], cwd });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: .*my-evals is not empty .*never overwrites files/);
    expect(await readdir(path.join(cwd, 'my-evals'))).toEqual(['notes.txt']);
  });

  it('rejects unknown options and extra names with exit code 2', async () => {
    const cwd = await mkdtemp(path.join(root, 'bad-'));
    const unknown = createAssay({ args: ['--template', 'x'], cwd });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--template.*create-assay --help/);
    const extra = createAssay({ args: ['a', 'b'], cwd });
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/one folder name, got 2/);
    expect(await readdir(cwd)).toEqual([]);
  });
});
