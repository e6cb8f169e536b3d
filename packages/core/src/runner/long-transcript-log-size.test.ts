import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getModel, modelOutputForToolCall, modelOutputFromContent } from '@assay/model';
import type { ModelOutput } from '@assay/model/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { unzipIndependently } from '../../test/log-fixtures.js';
import { readEvalLog } from '../log/node/read-eval-log.js';
import { generate, systemMessage, useTools } from '../solver/index.js';
import { task } from '../task/task.js';
import { defineTool } from '../tools/index.js';
import { evaluate } from './evaluate.js';

const TURNS = 200;

let logDir: string;
beforeAll(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-long-transcript-'));
});
afterAll(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/**
 * An agent transcript of `turns` turns on the scripted mock model: each turn calls a tool returning a directory listing
 * of `lines` lines. Returns the size of its `samples/1_epoch_1.json` member and of its final conversation as JSON.
 */
async function longRun(options: { turns: number; lines?: number; logCondense?: boolean }): Promise<{ member: number; conversation: number }> {
  const { turns, lines = 8 } = options;
  const listDirectory = defineTool({
    name: 'list_directory',
    description: 'List the files in a directory of the sandbox, one per line, with their sizes in bytes.',
    parameters: z.object({ path: z.string().describe('Directory to list') }),
    execute: ({ path: directory }) =>
      Array.from({ length: lines }, (_, index) => `${directory}/file-${index}.txt\t${(index + 1) * 1024} bytes`).join('\n'),
  });
  const script: ModelOutput[] = Array.from({ length: turns }, (_, turn) =>
    modelOutputForToolCall({ model: 'mockllm/model', toolName: 'list_directory', toolArguments: { path: `/data/run-${turn}` }, toolCallId: `call-${turn}` }),
  );
  script.push(modelOutputFromContent({ model: 'mockllm/model', content: 'Listed every directory.' }));
  const model = getModel('mockllm/model', { args: { customOutputs: script } });
  const [log] = await evaluate(
    task({
      name: 'long-transcript',
      dataset: [{ id: 1, input: `List the directories /data/run-0 to /data/run-${turns - 1}.`, target: '' }],
      solver: [systemMessage({ template: 'You are a careful agent. Use the tools you are given.' }), useTools({ tools: [listDirectory] }), generate()],
    }),
    { model, logDir, logFormat: 'eval', ...(options.logCondense === undefined ? {} : { logCondense: options.logCondense }) },
  );
  const members = unzipIndependently(new Uint8Array(await readFile(log!.location!)));
  const member = Buffer.byteLength(members.get('samples/1_epoch_1.json')!);
  const [sample] = (await readEvalLog({ path: log!.location! })).samples!;
  expect(sample!.messages).toHaveLength(2 * turns + 3);
  expect(sample!.events.filter((event) => event.event === 'model')).toHaveLength(turns + 1);
  const conversation = Buffer.byteLength(JSON.stringify(sample!.messages));
  console.info(
    `${turns} turns, ${lines}-line tool outputs, ${options.logCondense === false ? 'not condensed' : 'condensed'}: ` +
      `sample member ${member} bytes, conversation ${conversation} bytes (${(member / conversation).toFixed(2)}x)`,
  );
  return { member, conversation };
}

describe('the log of a 200-turn tool-calling sample', () => {
  // Sizes are exact byte counts of deterministic runs (only timestamps and timings vary, in a few digits).
  it('grows linearly with the turns: every message is stored once, in the pools or attachments', async () => {
    const half = await longRun({ turns: TURNS / 2 });
    const full = await longRun({ turns: TURNS });
    // Quadratic growth would make this about 4; the conversation itself grows by 2.
    expect(full.member / half.member).toBeLessThan(2.2);
    // Per turn, the log holds the conversation, each message once more in a pool or attachment, and each event's own
    // fields (ids, times, tools offered, output, tool result); Inspect's own agent log ais-decoder.eval is 7.7x.
    expect(full.member).toBeLessThan(8 * full.conversation);
  }, 240_000);

  it('grew with the square of the turns before (logCondense: false: every model event repeats the conversation)', async () => {
    const half = await longRun({ turns: TURNS / 2, logCondense: false });
    const full = await longRun({ turns: TURNS, logCondense: false });
    expect(full.member / half.member).toBeGreaterThan(3.5);
    expect(full.member).toBeGreaterThan(50 * full.conversation);
  }, 240_000);
});
