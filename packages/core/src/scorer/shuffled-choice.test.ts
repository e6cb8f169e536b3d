import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getModel, modelOutputFromContent } from '@assay/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalLog } from '../log/node/index.js';
import { memoryDataset } from '../dataset/memory-dataset.js';
import { shuffleChoices } from '../dataset/shuffle-choices.js';
import { evaluate } from '../runner/evaluate.js';
import { sampleState } from '../solver/__fixtures__/sample-state.js';
import { scriptedModel, textOutput } from '../solver/__fixtures__/scripted-model.js';
import { createGenerate } from '../solver/create-generate.js';
import { multipleChoice } from '../solver/multiple-choice.js';
import { createTarget } from '../solver/target.js';
import { task } from '../task/task.js';
import { choice } from './choice.js';

// Inspect's verdicts for the same question and replies, from inspect_ai 0.3.260 (dataset/_dataset.py shuffle_choices
// keeps the dataset-level shuffle in the shuffled letter space; solver/_multiple_choice.py shuffles and un-shuffles
// only for its own `shuffle`; scorer/_choice.py maps choices back only when they were shuffled in the state), as
// printed by __fixtures__/inspect-oracle/multiple_choice_oracle.py.
const inspectVerdicts = {
  'none/right': 'C',
  'none/wrong': 'I',
  'dataset/right': 'C',
  'dataset/wrong': 'I',
  'solver/right': 'C',
  'solver/wrong': 'I',
} as const;

type Level = 'none' | 'dataset' | 'solver';

let logDir: string;
beforeAll(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-shuffled-choice-'));
});
afterAll(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** A model reading the lettered choices it was shown and answering the letter of "7" (right) or of another (wrong). */
function replier(right: boolean): ReturnType<typeof getModel> {
  return getModel('mockllm/model', {
    args: {
      customOutputs: (options: { input: Array<{ role: string; content: unknown }> }) => {
        const prompt = String(options.input.filter((message) => message.role === 'user').at(-1)?.content ?? '');
        const shown = [...prompt.matchAll(/^([A-Z])\) (.*)$/gm)];
        const letter = shown.find((line) => (line[2] === '7') === right)?.[1];
        return modelOutputFromContent({ model: 'model', content: `ANSWER: ${letter}` });
      },
    },
  });
}

async function verdicts(level: Level, right: boolean): Promise<string[]> {
  // Twenty samples so that a shuffle moves the answer away from C in most of them.
  const samples = Array.from({ length: 20 }, (_value, index) => ({
    id: index + 1,
    input: 'Which is a prime?',
    choices: ['4', '6', '7', '9'],
    target: 'C',
  }));
  const dataset = level === 'dataset' ? shuffleChoices(memoryDataset({ samples }), { seed: 7 }) : memoryDataset({ samples });
  const quiz = task({
    name: `quiz_${level}`,
    dataset,
    solver: multipleChoice(level === 'solver' ? { shuffle: 7 } : {}),
    scorer: choice(),
  });
  const [log] = await evaluate(quiz, { model: replier(right), logDir });
  const full = await readEvalLog({ path: log!.location! });
  return (full.samples ?? []).map((sample) => String(sample.scores?.choice?.value));
}

describe('choice after shuffled multiple choice, as Inspect scores it', () => {
  for (const level of ['none', 'dataset', 'solver'] as const) {
    for (const right of [true, false]) {
      const key = `${level}/${right ? 'right' : 'wrong'}` as const;
      it(`${key}: every sample scores ${inspectVerdicts[key]}`, async () => {
        const values = await verdicts(level, right);
        expect(values).toHaveLength(20);
        expect(new Set(values)).toEqual(new Set([inspectVerdicts[key]]));
      });
    }
  }
});

// Inspect 0.3.260 (solver/_multiple_choice.py parse_answers takes `matches[-1]`; scorer/_choice.py), printed by the
// same oracle script: the last ANSWER line decides, and `ANSWER: C,` is still C.
const lastAnswerVerdicts = {
  'ANSWER: A\nOn reflection:\nANSWER: C': 'C',
  'ANSWER: C\nOn reflection:\nANSWER: A': 'I',
  'ANSWER: C,': 'C',
} as const;

describe('choice with several ANSWER lines, as Inspect scores it', () => {
  for (const [reply, verdict] of Object.entries(lastAnswerVerdicts)) {
    it(`${JSON.stringify(reply)} scores ${verdict}`, async () => {
      const model = scriptedModel([textOutput(reply)]);
      const state = await multipleChoice({ cot: true }).solve(
        sampleState('Which is a prime?', { choices: ['4', '6', '7', '9'] }),
        createGenerate({ model }),
      );
      expect((await choice().score(state, createTarget('C'))).value).toBe(verdict);
    });
  }
});
