import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, parseIndependently, publishedLogValidator } from '../../test/log-fixtures.js';
import { readEvalLog } from '../log/node/index.js';
import { sandbox } from '../sandbox/sandbox.js';
import { defineScorer } from '../scorer/index.js';
import { defineSolver } from '../solver/index.js';
import { task } from '../task/task.js';
import { evaluate } from './evaluate.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'assay-sandbox-e2e-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Lists the work directory and prints what each sample may see, from inside its sandbox. */
const look = defineSolver({
  name: 'look_around',
  create: () => async (state) => {
    const result = await sandbox().exec(['bash', '-c', 'find . -type f | sort; cat notes/a.txt inline.txt data.txt plain.txt 2>/dev/null; echo; pwd']);
    state.metadata.seen = result.stdout;
    return state;
  },
});

/** Scores by reading the file the sample's setup script wrote. */
const readBack = defineScorer({
  name: 'read_back',
  metrics: [],
  create: () => async () => {
    const text = await sandbox().readFile('setup.txt');
    return { value: text.trim() === 'setup ran' ? 'C' : 'I', answer: text.trim() };
  },
});

describe('a task in the local sandbox', () => {
  it('copies each sample\'s files and runs its setup in its own directory, and records every operation', async () => {
    const hostFile = path.join(work, 'a.txt');
    await writeFile(hostFile, 'from a host file\n');
    const qa = task({
      name: 'local_files',
      dataset: [
        {
          id: 'one',
          input: 'look',
          files: {
            'notes/a.txt': hostFile,
            'inline.txt': 'inline contents of one\n',
            'data.txt': `data:text/plain;base64,${Buffer.from('from a base64 data URI').toString('base64')}`,
            'plain.txt': 'data:,from%20a%20percent-encoded%20URI',
          },
          setup: 'echo "setup ran" > setup.txt; echo "setup says hi" >&2',
        },
        { id: 'two', input: 'look', files: { 'only-two.txt': 'secret of two' }, setup: 'printf "setup ran\\n" > setup.txt' },
      ],
      solver: look(),
      scorer: readBack(),
      sandbox: 'local',
    });
    const [result] = await evaluate(qa, { model: 'mockllm/model', logDir: path.join(work, 'logs'), logFormat: 'json' });
    expect(result?.status).toBe('success');
    const log = await readEvalLog({ path: result!.location! });
    const one = log.samples!.find((sample) => sample.id === 'one')!;
    const two = log.samples!.find((sample) => sample.id === 'two')!;
    expect(one.scores?.read_back?.value).toBe('C');
    expect(two.scores?.read_back?.value).toBe('C');
    const seenByOne = String(one.metadata.seen);
    const seenByTwo = String(two.metadata.seen);
    expect(seenByOne).toContain('./notes/a.txt');
    expect(seenByOne).toContain('./data.txt');
    expect(seenByOne).toContain('from a host file\ninline contents of one\nfrom a base64 data URIfrom a percent-encoded URI\n');
    expect(seenByOne).not.toContain('only-two');
    expect(seenByTwo).toContain('./only-two.txt');
    expect(seenByTwo).not.toMatch(/inline|notes|data\.txt/);
    // Each ran in its own directory, removed when the sample ended.
    const directories = [seenByOne, seenByTwo].map((seen) => seen.trim().split('\n').at(-1)!);
    expect(directories[0]).not.toBe(directories[1]);
    for (const directory of directories) expect(existsSync(directory)).toBe(false);

    const sandboxEvents = one.events.filter((event) => event.event === 'sandbox') as Array<Record<string, unknown>>;
    expect(sandboxEvents.map((event) => event.action)).toEqual([
      'write_file',
      'write_file',
      'write_file',
      'write_file',
      'write_file',
      'exec',
      'exec',
      'exec',
      'read_file',
    ]);
    expect(sandboxEvents.slice(0, 4).map((event) => [event.file, event.input])).toEqual([
      ['notes/a.txt', 'binary (17 B)'],
      ['inline.txt', 'inline contents of one\n'],
      ['data.txt', 'binary (22 B)'],
      ['plain.txt', 'binary (26 B)'],
    ]);
    const setup = sandboxEvents[5]!;
    expect(setup.cmd).toMatch(/^bash \/tmp\/assay-setup-[0-9a-f-]+$/);
    expect(setup).toMatchObject({ result: 0, output: 'setup says hi\n\n\n' });
    expect(sandboxEvents[7]).toMatchObject({ action: 'exec', cmd: expect.stringMatching(/^bash -c 'find \. -type f/), result: 0 });
    expect(sandboxEvents[8]).toMatchObject({ action: 'read_file', file: 'setup.txt', output: 'setup ran\n' });
    for (const event of sandboxEvents) expect(event).toMatchObject({ timestamp: expect.any(String), completed: expect.any(String) });
    if (hasShared) expect(publishedLogValidator()(parseIndependently(await readFile(result!.location!, 'utf8')))).toEqual([]);
  });

  it('fails a sample whose setup script fails, naming the sample and the script\'s stderr, and retries it afresh', async () => {
    const marker = path.join(work, 'tried-once');
    const qa = task({
      name: 'flaky_setup',
      dataset: [
        { id: 1, input: 'a', setup: `if [ -e ${marker} ]; then exit 0; fi; touch ${marker}; echo "apt-get: no network" >&2; exit 7` },
        { id: 2, input: 'b', setup: 'echo "always broken" >&2; exit 1' },
      ],
      solver: look(),
      sandbox: 'local',
    });
    const [result] = await evaluate(qa, { model: 'mockllm/model', logDir: path.join(work, 'logs'), retryOnError: 1, failOnError: false });
    const log = await readEvalLog({ path: result!.location! });
    const first = log.samples!.find((sample) => sample.id === 1)!;
    const second = log.samples!.find((sample) => sample.id === 2)!;
    expect(first.error).toBeNull();
    expect(first.error_retries?.[0]?.message).toBe('SandboxError: Sample 1: its setup script failed (exit 7): apt-get: no network');
    expect(second.error?.message).toBe('SandboxError: Sample 2: its setup script failed (exit 1): always broken');
    expect(second.error_retries).toHaveLength(1);
  });

  it('has no sandbox outside a sample', () => {
    expect(() => sandbox()).toThrow(expect.objectContaining({ code: 'sandbox_not_provided' }));
  });
});
