import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getModel } from '../model/get-model.js';
import { observeModelCalls } from '../model/observe-model-calls.js';
import { modelOutputFromContent } from '../output/model-output-from-content.js';
import type { ModelCallEnd } from '../spec/model-call-observer.js';
import type { ModelOutput } from '../spec/model-output.js';
import { responseCacheDir, modelFolderName } from './cache-dir.js';
import { clearCache, listCache, pruneCache } from './cache-admin.js';
import { setCacheEpochSource } from './cache-epoch.js';
import { isCacheableOutput, readCachedOutput, writeCachedOutput } from './response-cache.js';

let dir: string;
let previousDir: string | undefined;
const key = 'a'.repeat(64);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-cache-'));
  previousDir = process.env.ASSAY_CACHE_DIR;
  process.env.ASSAY_CACHE_DIR = dir;
});

afterEach(async () => {
  if (previousDir === undefined) delete process.env.ASSAY_CACHE_DIR;
  else process.env.ASSAY_CACHE_DIR = previousDir;
  await rm(dir, { recursive: true, force: true });
});

/** A mockllm model whose answers count the provider calls it made. */
function countingModel(name = 'mockllm/cached', answer?: (count: number) => ModelOutput): {
  model: ReturnType<typeof getModel>;
  calls: () => number;
} {
  let count = 0;
  const model = getModel(name, {
    args: {
      customOutputs: () => {
        count++;
        return answer ? answer(count) : modelOutputFromContent({ model: 'cached', content: `answer ${count}` });
      },
    },
  });
  return { model, calls: () => count };
}

function observe(): { ends: ModelCallEnd[]; stop: () => void } {
  const ends: ModelCallEnd[] = [];
  const stop = observeModelCalls({ onCallEnd: (end) => ends.push(end) });
  return { ends, stop };
}

describe('response cache directory', () => {
  it('follows ASSAY_CACHE_DIR, then XDG_CACHE_HOME', () => {
    expect(responseCacheDir()).toBe(join(dir, 'generate'));
    const xdg = process.env.XDG_CACHE_HOME;
    delete process.env.ASSAY_CACHE_DIR;
    process.env.XDG_CACHE_HOME = '/tmp/xdg-test';
    try {
      expect(responseCacheDir()).toBe('/tmp/xdg-test/assay/generate');
    } finally {
      if (xdg === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = xdg;
      process.env.ASSAY_CACHE_DIR = dir;
    }
  });

  it('keeps a model id inside one folder', () => {
    expect(modelFolderName('openai/gpt-4o')).toBe('openai%2Fgpt-4o');
    expect(modelFolderName('../../etc')).not.toContain('/');
    expect(modelFolderName('..')).toBe('%2E%2E');
  });
});

describe('Model.generate with cache', () => {
  it('writes on a miss, reads on a hit, and marks the model event', async () => {
    const { model, calls } = countingModel();
    const { ends, stop } = observe();
    try {
      const first = await model.generate({ input: 'Hello', config: { cache: true } });
      const second = await model.generate({ input: 'Hello', config: { cache: true } });
      expect(first.completion).toBe('answer 1');
      expect(second.completion).toBe('answer 1');
      expect(second.usage).toEqual(first.usage);
      expect(calls()).toBe(1);
      expect(ends.map((end) => [end.cache, end.cached])).toEqual([
        ['write', false],
        ['read', true],
      ]);
    } finally {
      stop();
    }
    const files = await readdir(join(dir, 'generate', modelFolderName('mockllm/cached')));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    // Stored as plain, validated JSON.
    const entry = JSON.parse(await readFile(join(dir, 'generate', modelFolderName('mockllm/cached'), files[0]!), 'utf8'));
    expect(entry).toMatchObject({ version: 1, model: 'mockllm/cached', output: { completion: 'answer 1' } });
  });

  it('does not cache without the option, and misses for another prompt or config', async () => {
    const { model, calls } = countingModel();
    await model.generate({ input: 'Hello' });
    await model.generate({ input: 'Hello' });
    expect(calls()).toBe(2);
    await model.generate({ input: 'Hello', config: { cache: true } });
    await model.generate({ input: 'Hello again', config: { cache: true } });
    await model.generate({ input: 'Hello', config: { cache: true, temperature: 1 } });
    expect(calls()).toBe(5);
    // Retry settings are not part of the key.
    const output = await model.generate({ input: 'Hello', config: { cache: true, maxRetries: 1, timeout: 30 } });
    expect(calls()).toBe(5);
    expect(output.completion).toBe('answer 3');
    expect(await listCache()).toEqual([{ model: 'mockllm/cached', entries: 3, expired: 0, bytes: expect.any(Number) }]);
  });

  it('keeps epochs apart unless perEpoch is false', async () => {
    let epoch = 1;
    const restore = setCacheEpochSource(() => epoch);
    try {
      const { model, calls } = countingModel();
      await model.generate({ input: 'Hi', config: { cache: true } });
      epoch = 2;
      expect((await model.generate({ input: 'Hi', config: { cache: true } })).completion).toBe('answer 2');
      epoch = 1;
      expect((await model.generate({ input: 'Hi', config: { cache: true } })).completion).toBe('answer 1');
      const shared = { cache: { perEpoch: false } };
      await model.generate({ input: 'Hi', config: shared });
      epoch = 3;
      expect((await model.generate({ input: 'Hi', config: shared })).completion).toBe('answer 3');
      expect(calls()).toBe(3);
    } finally {
      restore();
    }
  });

  it('never caches errors or content-filtered outputs', async () => {
    const filtered = (count: number): ModelOutput => ({
      ...modelOutputFromContent({ model: 'cached', content: `blocked ${count}` }),
      choices: [{ message: { role: 'assistant', content: `blocked ${count}` }, stop_reason: 'content_filter' }],
    });
    const { model, calls } = countingModel('mockllm/filtered', filtered);
    const { ends, stop } = observe();
    try {
      await model.generate({ input: 'x', config: { cache: true } });
      await model.generate({ input: 'x', config: { cache: true } });
    } finally {
      stop();
    }
    expect(calls()).toBe(2);
    expect(ends.map((end) => end.cache)).toEqual([undefined, undefined]);

    const errored = countingModel('mockllm/errored', (count) => ({
      ...modelOutputFromContent({ model: 'cached', content: '' }),
      error: `failed ${count}`,
    }));
    await errored.model.generate({ input: 'x', config: { cache: true } });
    await errored.model.generate({ input: 'x', config: { cache: true } });
    expect(errored.calls()).toBe(2);

    let thrown = 0;
    const throwing = getModel('mockllm/throwing', {
      args: {
        customOutputs: () => {
          thrown++;
          throw new Error('provider down');
        },
      },
    });
    await expect(throwing.generate({ input: 'x', config: { cache: true, maxRetries: 0 } })).rejects.toThrow('provider down');
    await expect(throwing.generate({ input: 'x', config: { cache: true, maxRetries: 0 } })).rejects.toThrow('provider down');
    expect(thrown).toBe(2);
    expect(await listCache()).toEqual([]);
    expect(isCacheableOutput({ model: 'm', choices: [], completion: '' })).toBe(false);
  });

  it('treats a corrupt entry as a miss and replaces it', async () => {
    const { model, calls } = countingModel();
    await model.generate({ input: 'Hello', config: { cache: true } });
    const folder = join(dir, 'generate', modelFolderName('mockllm/cached'));
    const [file] = await readdir(folder);
    const path = join(folder, file!);
    for (const corrupt of ['{"version":1,"key":"', 'not json', '{"version":1}', JSON.stringify({ version: 1, key: file!.slice(0, 64), model: 'm', created: 'x', expires: null, output: { model: 5 } })]) {
      await writeFile(path, corrupt);
      const before = calls();
      const output = await model.generate({ input: 'Hello', config: { cache: true } });
      expect(calls()).toBe(before + 1);
      expect(output.completion).toBe(`answer ${before + 1}`);
      // The fresh answer replaced the corrupt file.
      expect(JSON.parse(await readFile(path, 'utf8')).output.completion).toBe(`answer ${before + 1}`);
    }
  });

  it('treats an expired entry as a miss and deletes it; prune removes expired entries', async () => {
    const output = modelOutputFromContent({ model: 'm', content: 'old' });
    const past = new Date(Date.now() - 3_600_000);
    expect(await writeCachedOutput({ model: 'p/m', key, output, expirySeconds: 60, now: past })).toBe(true);
    expect(await writeCachedOutput({ model: 'p/m', key: 'b'.repeat(64), output, expirySeconds: null, now: past })).toBe(true);
    expect(await writeCachedOutput({ model: 'p/n', key: 'c'.repeat(64), output, expirySeconds: 60, now: past })).toBe(true);
    expect(await listCache()).toEqual([
      { model: 'p/m', entries: 2, expired: 1, bytes: expect.any(Number) },
      { model: 'p/n', entries: 1, expired: 1, bytes: expect.any(Number) },
    ]);
    expect(await readCachedOutput({ model: 'p/m', key })).toBeUndefined();
    expect(await listCache({ model: 'p/m' })).toEqual([{ model: 'p/m', entries: 1, expired: 0, bytes: expect.any(Number) }]);
    expect((await readCachedOutput({ model: 'p/m', key: 'b'.repeat(64) }))?.completion).toBe('old');
    expect(await pruneCache()).toBe(1);
    expect(await listCache()).toEqual([{ model: 'p/m', entries: 1, expired: 0, bytes: expect.any(Number) }]);
    expect(await clearCache({ model: 'p/m' })).toBe(1);
    expect(await listCache()).toEqual([]);
  });

  it('leaves no visible entry when a write is killed midway', async () => {
    const folder = join(dir, 'generate', modelFolderName('p/big'));
    await mkdir(folder, { recursive: true });
    // A child process writes a large entry (tens of MB, many write calls) and is killed as soon as its temp file exists.
    const script = `
      import { writeCachedOutput } from ${JSON.stringify(resolve(import.meta.dirname, 'response-cache.ts'))};
      const text = 'x'.repeat(64 * 1024 * 1024);
      const output = { model: 'big', choices: [{ message: { role: 'assistant', content: text }, stop_reason: 'stop' }], completion: text };
      process.stdout.write('ready\\n');
      await writeCachedOutput({ model: 'p/big', key: '${key}', output, expirySeconds: null });
      process.stdout.write('done\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(import.meta.dirname, '../../../..'),
      env: { ...process.env, ASSAY_CACHE_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    let sawTemp = false;
    const deadline = Date.now() + 300_000; // a hang guard: the loop ends when the child is killed or exits
    while (Date.now() < deadline && child.exitCode === null) {
      const names = await readdir(folder).catch(() => [] as string[]);
      if (names.some((name) => name.endsWith('.tmp'))) {
        child.kill('SIGKILL');
        sawTemp = true;
        break;
      }
      await new Promise((wait) => setTimeout(wait, 1));
    }
    const signal = await exited;
    expect(sawTemp).toBe(true);
    expect(signal).toBe('SIGKILL');
    expect(stdout).not.toContain('done');
    const names = await readdir(folder);
    expect(names.filter((name) => name.endsWith('.json'))).toEqual([]);
    expect(await readCachedOutput({ model: 'p/big', key })).toBeUndefined();
    expect(await listCache()).toEqual([]);
    // Prune removes the orphaned temp file once it is stale.
    await pruneCache({ now: new Date(Date.now() + 2 * 3_600_000) });
    expect(await readdir(folder)).toEqual([]);
  });
});
