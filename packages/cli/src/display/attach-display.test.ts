import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEvalEventEmitter, evaluate, generate, includes, task, valueToFloat, withInputScreen, type ScoreValue } from '@assay/core';
import { connectionUsage } from '@assay/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachDisplay } from './attach-display.js';
import { formatDuration } from './task-progress.js';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-display-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

const toFloat = (value: unknown): number => valueToFloat(value as ScoreValue);

describe('plain display', () => {
  it('prints the task, a final progress line with tokens, connections in use and the running metric by name, and sample errors without escapes', async () => {
    const events = createEvalEventEmitter();
    const lines: string[] = [];
    const display = await attachDisplay({
      mode: 'plain',
      events,
      valueToFloat: toFloat,
      write: (line) => lines.push(line),
      connections: (model) => connectionUsage({ model }),
    });
    const quiz = task({
      name: 'quiz',
      dataset: [1, 2, 3, 4].map((n) => ({ id: n, input: `q${n}`, target: n === 4 ? 'absent' : 'mockllm' })),
      solver: [
        generate(),
        {
          name: 'fail_third',
          args: {},
          solve: async (state) => {
            if (state.sampleId === 3) throw new Error('bad \u001b[2J\u202eoutput');
            return state;
          },
        },
      ],
      scorer: includes(),
    });
    await evaluate(quiz, { model: 'mockllm/model', logDir, events, failOnError: false });
    display.stop();
    expect(lines[0]).toMatch(/^quiz · mockllm\/model: 4 samples, log .+\.eval$/);
    expect(lines).toContain('quiz · mockllm/model: sample 3 (epoch 1): Error: bad output');
    const last = lines.at(-1)!;
    expect(last).toMatch(/^quiz · mockllm\/model: 4\/4 {2}0:0\d elapsed {2}eta 0:00 {2}tokens \d+ {2}retries 0 {2}includes accuracy 0\.667 {2}errors 1 {2}connections \d+\/\d+$/);
  });

  it('holds its lines while a human approver has the terminal, then prints them in order', async () => {
    const events = createEvalEventEmitter();
    const lines: string[] = [];
    const display = await attachDisplay({ mode: 'plain', events, valueToFloat: toFloat, write: (line) => lines.push(line) });
    let whileAsking: string[] | undefined;
    await withInputScreen(async () => {
      events.emit('task-start', { task: 'held', taskId: 't1', runId: 'r1', model: 'mockllm/model', totalSamples: 2, reusedSamples: 0, logPath: 'held.eval' });
      whileAsking = [...lines];
    });
    display.stop();
    expect(whileAsking).toEqual([]);
    expect(lines).toEqual(['held · mockllm/model: 2 samples, log held.eval']);
  });

  it('clears the live display while a human approver has the terminal, and draws nothing until the answer', async () => {
    const events = createEvalEventEmitter();
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const start = (task: string): void => {
      events.emit('task-start', { task, taskId: task, runId: 'r1', model: 'mockllm/model', totalSamples: 2, reusedSamples: 0, logPath: `${task}.eval` });
    };
    let beforeAsking = '';
    let whileAsking: string[] = [];
    try {
      const display = await attachDisplay({ mode: 'full', events, valueToFloat: toFloat, write: () => undefined });
      start('first_task');
      while (!writes.join('').includes('first_task')) await new Promise((resolve) => setTimeout(resolve, 5));
      await withInputScreen(async () => {
        beforeAsking = writes.at(-1) ?? '';
        const from = writes.length;
        start('second_task');
        // Longer than the display's redraw interval: a redraw, if there were one, would come now.
        await new Promise((resolve) => setTimeout(resolve, 300));
        whileAsking = writes.slice(from);
      });
      display.stop();
    } finally {
      process.stdout.write = original;
    }
    // The frame is erased when the question comes, and nothing is drawn over the question.
    expect(beforeAsking).toMatch(/\u001b\[/);
    expect(beforeAsking).not.toContain('first_task');
    expect(whileAsking).toEqual([]);
    expect(writes.join('')).toContain('second_task');
  });

  it('prints nothing in none mode', async () => {
    const events = createEvalEventEmitter();
    const lines: string[] = [];
    const display = await attachDisplay({ mode: 'none', events, valueToFloat: toFloat, write: (line) => lines.push(line) });
    await evaluate(task({ name: 'one', dataset: [{ input: 'x', target: 'mockllm' }], solver: generate(), scorer: includes() }), { model: 'mockllm/model', logDir, events });
    display.stop();
    expect(lines).toEqual([]);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61_400)).toBe('1:01');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});
