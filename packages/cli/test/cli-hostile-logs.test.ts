import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readEvalLog, writeEvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, countingTask, logPathOf, repoRoot } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';
import { bombLog } from './zip-bomb.js';

// Inside the repository, so a task file there resolves @assay/core as a user's project would.
const root = mkdtempSync(path.join(repoRoot, '.tmp-cli-hostile-'));
const project = path.join(root, 'project');
const outside = path.join(root, 'outside');
const marker = path.join(root, 'hostile-script-ran.txt');
let baseLog = '';

const hostileScript = `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, 'ran\\n');\n`;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A copy of the base log that names `taskFile` as its task file. */
async function logNaming(taskFile: string, name: string): Promise<string> {
  const log = await readEvalLog({ path: baseLog });
  const file = path.join(root, 'logs', `${name}.eval`);
  await writeEvalLog({ log: { ...log, eval: { ...log.eval, task_file: taskFile } }, path: file, format: 'eval' });
  return file;
}

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(project, { recursive: true });
  const run = assay({
    args: ['eval', countingTask, '-T', 'samples=2', '-T', `calls_file=${path.join(root, 'calls')}`, '--model', 'mockllm/model', '--log-dir', path.join(root, 'logs'), '--display', 'none'],
  });
  expect(run.status).toBe(0);
  baseLog = logPathOf(run.stdout);
  write(path.join(outside, 'hostile.mjs'), hostileScript);
  symlinkSync(path.join(outside, 'hostile.mjs'), path.join(project, 'linked-task.mjs'));
  write(path.join(project, 'node_modules/evil/index.mjs'), hostileScript);
  write(path.join(project, 'tools/pkg/package.json'), JSON.stringify({ name: 'pkg', bin: { pkg: 'cli.mjs' } }));
  write(path.join(project, 'tools/pkg/cli.mjs'), hostileScript);
  write(path.join(project, 'scripts/run.mjs'), `#!/usr/bin/env node\n${hostileScript}`);
  write(path.join(project, 'task.ts'), `export { counting } from ${JSON.stringify(countingTask)};\n`);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a log never makes assay run code', () => {
  const npmCli = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');
  const cases: Array<[string, () => string]> = [
    ['an absolute path elsewhere', () => path.join(outside, 'hostile.mjs')],
    ['a ../ escape', () => '../outside/hostile.mjs'],
    ['a link out of the directory', () => 'linked-task.mjs'],
    ['a path into node_modules', () => 'node_modules/evil/index.mjs'],
    ["a package's CLI inside the directory", () => 'tools/pkg/cli.mjs'],
    ['an executable script (#!)', () => 'scripts/run.mjs'],
  ];
  if (existsSync(npmCli)) cases.push(["npm's own CLI", () => realpathSync(npmCli)]);

  it.each(cases)('eval-retry refuses %s before importing it, and says to pass --task-file', async (name, taskFile) => {
    const log = await logNaming(taskFile(), name.replace(/\W+/g, '-'));
    const result = assay({ args: ['eval-retry', log, '--display', 'none'], cwd: project });
    expect(result.stderr).toContain(`its task file "${taskFile()}"`);
    expect(result.stderr).toContain('pass the task file to use with --task-file');
    expect(result.status).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('loads a task file inside the directory; --task-file overrides a refused one', async () => {
    const inside = await logNaming('task.ts', 'inside');
    expect(assay({ args: ['eval-retry', inside, '--display', 'none'], cwd: project }).status).toBe(0);
    const hostile = await logNaming(path.join(outside, 'hostile.mjs'), 'overridden');
    const overridden = assay({ args: ['eval-retry', hostile, '--task-file', 'task.ts', '--display', 'none'], cwd: project });
    expect(overridden.stderr).toBe('');
    expect(overridden.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('eval-set resumes from logs in its directory without loading the task files they name', async () => {
    const setDir = path.join(root, 'set');
    mkdirSync(setDir, { recursive: true });
    const log = await readEvalLog({ path: baseLog });
    await writeEvalLog({
      log: { ...log, status: 'error', eval: { ...log.eval, task_file: path.join(outside, 'hostile.mjs') } },
      path: path.join(setDir, 'hostile.eval'),
      format: 'eval',
    });
    const result = assay({
      args: ['eval-set', 'task.ts', '-T', 'samples=2', '-T', `calls_file=${path.join(root, 'calls')}`, '--model', 'mockllm/model', '--log-dir', setDir, '--display', 'none'],
      cwd: project,
    });
    expect(result.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a zip bomb is refused by every reader', () => {
  // 1 GiB of zeros (a 6.8 MB file) declared as the member's real, small size. The timeouts are only a hang guard.
  const bombs: Record<string, string> = {};
  beforeAll(async () => {
    const make = async (name: string, member: RegExp, method: 8 | 93): Promise<void> => {
      bombs[name] = path.join(root, `${name}.eval`);
      writeFileSync(bombs[name], await bombLog({ from: baseLog, member, method, mebibytes: 1024 }));
    };
    await make('header-bomb', /^header\.json$/, 8);
    await make('sample-bomb', /^samples\//, 8);
    await make('zstd-bomb', /^header\.json$/, 93);
  }, 120_000);

  const refusal = (member: string): RegExp => new RegExp(`member ${member} decompresses to more than the \\d+ bytes its zip header declares`);

  it.each([
    ['log dump', 'header-bomb', ['log', 'dump'], 'header.json'],
    ['log dump (zstd)', 'zstd-bomb', ['log', 'dump'], 'header.json'],
    ['log dump', 'sample-bomb', ['log', 'dump'], 'samples/s\\d_epoch_1.json'],
    ['log recover', 'sample-bomb', ['log', 'recover', '--overwrite'], 'samples/s\\d_epoch_1.json'],
    ['score', 'sample-bomb', ['score', '--scorer', 'match'], 'samples/s\\d_epoch_1.json'],
    ['eval-retry', 'header-bomb', ['eval-retry', '--display', 'none'], 'header.json'],
    ['eval-retry', 'sample-bomb', ['eval-retry', '--display', 'none'], 'samples/s\\d_epoch_1.json'],
  ] as const)('%s refuses %s, naming the file and the member', (_command, bomb, args, member) => {
    const [first, ...rest] = args;
    const result = assay({ args: [first, ...(first === 'log' ? [rest[0]!, bombs[bomb]!, ...rest.slice(1)] : [bombs[bomb]!, ...rest])] });
    expect(result.stderr).toContain(bombs[bomb]);
    expect(result.stderr).toMatch(refusal(member));
    expect(result.status).not.toBe(0);
  }, 120_000);
});

describe('assay view', () => {
  it('refuses a --token shorter than 16 characters with exit 2, before serving anything', () => {
    const result = assay({ args: ['view', '--log-dir', path.join(root, 'logs'), '--host', '0.0.0.0', '--port', '0', '--token', 'guessable'] });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('The viewer token must be at least 16 characters (this one has 9)');
    expect(result.stdout).not.toContain('Assay log viewer:');
  });
});
