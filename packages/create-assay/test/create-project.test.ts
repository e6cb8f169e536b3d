import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateAssayError, createProject, projectFiles } from '../src/index.js';
import { packageName } from '../src/package-name.js';

const root = await mkdtemp(path.join(os.tmpdir(), 'create-assay-unit-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function repoVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL(`../../${name}/package.json`, import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('createProject', () => {
  it('writes the project files, depending on this monorepo’s @assay versions', async () => {
    const directory = path.join(root, 'my-evals');
    const project = await createProject({ directory });
    expect(project).toEqual({ directory, name: 'my-evals', files: expect.any(Array) });
    expect(await listFiles(directory)).toEqual(
      ['.env.example', '.gitignore', 'README.md', 'package.json', 'src/task.test.ts', 'src/task.ts', 'tsconfig.json'].sort(),
    );

    const manifest = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-evals',
      type: 'module',
      scripts: { eval: 'assay eval src/task.ts --model mockllm/model', test: 'vitest run', typecheck: 'tsc --noEmit' },
      dependencies: { '@assay/core': `^${await repoVersion('core')}`, '@assay/cli': `^${await repoVersion('cli')}` },
    });
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@types/node', 'typescript', 'vitest']);

    const tsconfig = JSON.parse(await readFile(path.join(directory, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' });

    const task = await readFile(path.join(directory, 'src/task.ts'), 'utf8');
    expect(task).toMatch(/import \{ generate, includes, task \} from '@assay\/core'/);
    const test = await readFile(path.join(directory, 'src/task.test.ts'), 'utf8');
    expect(test).toContain("getModel('mockllm/model', { args: { defaultOutput: 'Paris' } })");
    expect(test).toContain("from './task.js'");

    const gitignore = (await readFile(path.join(directory, '.gitignore'), 'utf8')).split('\n');
    expect(gitignore).toEqual(expect.arrayContaining(['node_modules/', 'logs/', '.env']));
    const envExample = (await readFile(path.join(directory, '.env.example'), 'utf8')).split('\n');
    expect(envExample).toContain('# OPENAI_API_KEY=sk-...');
    expect(envExample.filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
    expect(await readFile(path.join(directory, 'README.md'), 'utf8')).toMatch(/^# my-evals\n/);
  });

  it('uses the versions it is given', () => {
    const files = projectFiles({ name: 'x', versions: { core: '1.2.3', cli: '4.5.6' } });
    const manifest = JSON.parse(files.find((file) => file.path === 'package.json')!.content);
    expect(manifest.dependencies).toEqual({ '@assay/core': '^1.2.3', '@assay/cli': '^4.5.6' });
  });

  it('fills an existing empty folder', async () => {
    const directory = path.join(root, 'empty');
    await mkdir(directory);
    await createProject({ directory });
    expect(await listFiles(directory)).toContain('src/task.ts');
  });

  it('refuses a non-empty folder and leaves it as it was', async () => {
    const directory = path.join(root, 'taken');
    await mkdir(directory);
    await writeFile(path.join(directory, 'package.json'), 'mine');
    const error = await createProject({ directory }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CreateAssayError);
    expect(error).toMatchObject({ code: 'directory_not_empty', isUsageError: true });
    expect((error as Error).message).toMatch(/is not empty.*never overwrites/);
    expect(await listFiles(directory)).toEqual(['package.json']);
    expect(await readFile(path.join(directory, 'package.json'), 'utf8')).toBe('mine');
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(root, 'a-file');
    await writeFile(file, '');
    await expect(createProject({ directory: file })).rejects.toMatchObject({ code: 'not_a_directory' });
  });
});

describe('packageName', () => {
  it('makes a folder name a valid npm name', () => {
    expect(packageName({ folderName: 'My Evals!' })).toBe('my-evals');
    expect(packageName({ folderName: '.hidden' })).toBe('hidden');
    expect(packageName({ folderName: '___' })).toBe('assay-evals');
  });
});
