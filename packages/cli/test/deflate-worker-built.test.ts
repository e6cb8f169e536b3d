import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';

// The .eval writer compresses samples in a worker thread started from dist/deflate-worker.js. Run from source (the
// unit tests) there is no worker, so these tests check the built package: where the file is, that it answers, and
// that a run really starts it.
const coreDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core/dist');
const work = mkdtempSync(path.join(os.tmpdir(), 'assay-deflate-worker-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the built deflate worker', () => {
  it('is beside every bundle that starts it (new URL("./deflate-worker.js", import.meta.url))', () => {
    const files = readdirSync(coreDist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files).toContain('deflate-worker.js');
    const starters = files.filter((file) => readFileSync(path.join(coreDist, file), 'utf8').includes('"./deflate-worker.js"'));
    expect(starters.length).toBeGreaterThan(0);
    for (const file of starters) expect(path.dirname(file)).toBe('.');
  });

  it('says it is ready, then answers a batch with one raw DEFLATE stream per text', async () => {
    const worker = new Worker(pathToFileURL(path.join(coreDist, 'deflate-worker.js')));
    try {
      const messages: unknown[] = [];
      const texts = ['{"id":1}', 'é'.repeat(3000)];
      const answered = new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (message: unknown) => {
          messages.push(message);
          if (messages.length === 2) resolve();
        });
      });
      // The texts as the writer sends them: UTF-8, end to end in one buffer, with each one's length.
      const encoded = texts.map((text) => Buffer.from(text));
      worker.postMessage({ id: 7, texts: { bytes: new Uint8Array(Buffer.concat(encoded)), lengths: encoded.map((bytes) => bytes.length) }, level: 6 });
      await answered;
      expect(messages[0]).toEqual({ ready: true });
      const answer = messages[1] as { id: number; batch: { bytes: Uint8Array; members: { offset: number; length: number; uncompressedSize: number }[] } };
      expect(answer.id).toBe(7);
      const inflated = answer.batch.members.map((member) =>
        inflateRawSync(answer.batch.bytes.subarray(member.offset, member.offset + member.length)).toString('utf8'),
      );
      expect(inflated).toEqual(texts);
      expect(answer.batch.members.map((member) => member.uncompressedSize)).toEqual(texts.map((text) => Buffer.byteLength(text)));
    } finally {
      await worker.terminate();
    }
  });

  it('is started by a run writing an .eval log, whose samples read back', () => {
    // Worker thread ids count up from 1 in a process: a worker started after the run gets 2 only if the run started one.
    const script = path.join(work, 'run.mjs');
    writeFileSync(
      script,
      `import { Worker } from 'node:worker_threads';
import { evaluate, generate, includes, readEvalLog, task } from ${JSON.stringify(pathToFileURL(path.join(coreDist, 'index.js')).href)};
const [log] = await evaluate(
  task({ name: 'w', dataset: Array.from({ length: 300 }, (_, i) => ({ input: 'Question ' + i, target: 'mockllm' })), solver: generate(), scorer: includes() }),
  { model: 'mockllm/model', logDir: ${JSON.stringify(path.join(work, 'logs'))}, logFormat: 'eval' },
);
const read = await readEvalLog({ path: log.location });
const probe = new Worker('', { eval: true });
console.log(JSON.stringify({ status: read.status, samples: read.samples.length, nextWorker: probe.threadId }));
await probe.terminate();
`,
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').pop()!)).toEqual({ status: 'success', samples: 300, nextWorker: 2 });
  });
});
