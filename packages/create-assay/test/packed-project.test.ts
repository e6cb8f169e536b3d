import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ensureBuilt } from '../../cli/test/ensure-built.js';
import { ensureCreateAssayBuilt } from './ensure-built.js';

// The real thing, as a user gets it: the packages packed as for the registry, the project made by the packed
// create-assay run the way `npm create assay` runs it (`npm exec`), installed with npm, its `npm test` and `assay eval`.
const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

// npm must not see the settings pnpm and vitest pass to this process (`npm_config_*` of pnpm, the VITEST_* of a worker).
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('VITEST') && !(key.startsWith('npm_') && !/^npm_config_(registry|cache|.*proxy)$/i.test(key)),
  ),
);

// npm install needs the registry (typescript, vitest and the @assay packages' dependencies); CI must have it.
const registryReachable = spawnSync('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=20000'], { env: cleanEnv, timeout: 60_000, stdio: 'ignore' }).status === 0;
const skip = !registryReachable && !process.env.CI;
const title = 'a project made by the packed create-assay installs from the packed @assay tarballs, passes npm test and runs assay eval';

const root = await mkdtemp(path.join(os.tmpdir(), 'create-assay-packed-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function pnpm(args: string[], cwd: string): Promise<void> {
  // Under `pnpm test` pnpm names itself in npm_execpath; otherwise fetch the repository's pnpm with npx.
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(path.basename(execPath))) await run(process.execPath, [execPath, ...args], { cwd });
  else await run('npx', ['-y', 'pnpm@10.34.9', ...args], { cwd });
}

async function npmCommand(command: 'npm' | 'npx', args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { cwd, env: cleanEnv, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${String(stdout).slice(-4000)}\n${String(stderr).slice(-4000)}`);
  }
}

function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return npmCommand('npm', args, cwd);
}

it.skipIf(skip)(skip ? `${title} (skipped: the npm registry is unreachable and CI is not set)` : title, { timeout: 1_800_000 }, async () => {
  await ensureBuilt();
  await ensureCreateAssayBuilt();
  const tarballs = path.join(root, 'tarballs');
  // @assay/cli depends on @assay/log-viewer (`assay view`), so it is packed too.
  const packed: Record<string, string> = {};
  for (const name of ['model', 'core', 'log-viewer', 'cli', 'create-assay']) {
    const before = new Set(existsSync(tarballs) ? await readdir(tarballs) : []);
    await pnpm(['pack', '--pack-destination', tarballs], path.join(packagesDir, name));
    const [tarball] = (await readdir(tarballs)).filter((file) => !before.has(file));
    expect(tarball, `pnpm pack wrote no tarball for ${name}`).toBeDefined();
    packed[name] = path.join(tarballs, tarball!);
  }

  const work = path.join(root, 'work');
  await run('mkdir', ['-p', work]);
  const created = await npm(['exec', '--yes', `--package=${packed['create-assay']}`, '--', 'create-assay', 'my-evals'], work);
  expect(created.stdout).toContain('cd my-evals');
  const project = path.join(work, 'my-evals');
  const manifestPath = path.join(project, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const versions = {
    core: JSON.parse(await readFile(path.join(packagesDir, 'core/package.json'), 'utf8')).version,
    cli: JSON.parse(await readFile(path.join(packagesDir, 'cli/package.json'), 'utf8')).version,
  };
  expect(manifest.dependencies).toEqual({ '@assay/core': `^${versions.core}`, '@assay/cli': `^${versions.cli}` });

  // The @assay packages are not on the registry yet: point the project at the tarballs, the rest comes from npm.
  manifest.dependencies = { '@assay/core': `file:${packed.core}`, '@assay/cli': `file:${packed.cli}` };
  manifest.overrides = {
    '@assay/core': '$@assay/core',
    '@assay/model': `file:${packed.model}`,
    '@assay/log-viewer': `file:${packed['log-viewer']}`,
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  await npm(['install', '--no-audit', '--no-fund'], project);
  const tested = await npm(['test'], project);
  expect(tested.stdout).toMatch(/1 passed/);
  await npm(['run', 'typecheck'], project);
  const evaluated = await npmCommand('npx', ['assay', 'eval', 'src/task.ts', '--model', 'mockllm/model'], project);
  expect(`${evaluated.stdout}${evaluated.stderr}`).toMatch(/capitals/);
  expect((await readdir(path.join(project, 'logs'))).filter((file) => file.endsWith('.eval'))).toHaveLength(1);
});
