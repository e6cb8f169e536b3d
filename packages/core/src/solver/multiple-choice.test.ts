import { getModel } from '@assay/model';
import type { ModelApiGenerateOptions } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { sampleState } from './__fixtures__/sample-state.js';
import { createGenerate } from './create-generate.js';
import { scriptedModel, textOutput } from './__fixtures__/scripted-model.js';
import { multipleChoice, parseAnswers } from './multiple-choice.js';
import type { TaskState } from './task-state.js';

const question = 'Which are prime?';
const choices = ['4', '5', '7', '9'];

async function ask(options: Parameters<typeof multipleChoice>[0], completion: string, state = sampleState(question, { choices })) {
  const model = scriptedModel([textOutput(completion)]);
  const result = await multipleChoice(options).solve(state, createGenerate({ model }));
  return { state: result, model };
}

function promptOf(model: ReturnType<typeof scriptedModel>): unknown {
  const input = model.calls[0]?.input;
  return Array.isArray(input) ? input[0]?.content : input;
}

function correct(state: TaskState): boolean[] {
  return state.choices.map((choice) => choice.correct === true);
}

describe('multipleChoice', () => {
  it('formats the question with lettered choices and marks the single answer', async () => {
    const { state, model } = await ask({}, 'ANSWER: B');
    expect(model.calls[0]?.input).toEqual([
      {
        role: 'user',
        source: 'input',
        content:
          "Answer the following multiple choice question. The entire content of your response should be of the following format: 'ANSWER: $LETTER' (without quotes) where LETTER is one of A,B,C,D.\n\nWhich are prime?\n\nA) 4\nB) 5\nC) 7\nD) 9",
      },
    ]);
    expect(correct(state)).toEqual([false, true, false, false]);
    expect(state.choices.map((choice) => choice.correct)).toEqual([false, true, false, false]);
  });

  it('uses the chain-of-thought template and reads the last ANSWER line', async () => {
    const { state, model } = await ask({ cot: true }, 'Five has no divisors but 1 and itself.\nANSWER: B');
    expect(promptOf(model)).toMatch(
      /^Answer the following multiple choice question\. The last line of your response should be of the following format: 'ANSWER: \$LETTER' \(without quotes\) where LETTER is one of A,B,C,D\. Think step by step before answering\.\n\nWhich are prime\?\n\nA\) 4/,
    );
    expect(correct(state)).toEqual([false, true, false, false]);
  });

  it('accepts several answers with multipleCorrect', async () => {
    const { state, model } = await ask({ multipleCorrect: true }, 'ANSWER: B, C');
    expect(promptOf(model)).toMatch(
      /^Answer the following multiple choice question where multiple answers may be correct\. .*'ANSWER: \$LETTERS' .* where LETTERS is one or more of A,B,C,D\./,
    );
    expect(correct(state)).toEqual([false, true, true, false]);
  });

  it('marks nothing when the answer cannot be parsed', async () => {
    const { state } = await ask({}, 'I think it is five.');
    expect(state.choices.map((choice) => choice.correct)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('shuffles choices with `shuffle`, then rewrites history in the sample order', async () => {
    // The model answers the letters at which 5 and 7 were shown.
    let prompt = '';
    const model = getModel('mockllm/model', {
      args: {
        customOutputs: (request: ModelApiGenerateOptions) => {
          prompt = String(request.input[0]?.content);
          const letters = [...prompt.matchAll(/^([A-D])\) (\d)$/gm)].filter((line) => line[2] === '5' || line[2] === '7');
          return textOutput(`ANSWER: ${letters.map((line) => line[1]).join(',')}`);
        },
      },
    });
    const result = await multipleChoice({ multipleCorrect: true, shuffle: 3 }).solve(
      sampleState(question, { choices }),
      createGenerate({ model }),
    );
    const shown = [...prompt.matchAll(/^[A-D]\) (\d)$/gm)].map((line) => line[1]);
    expect(shown).not.toEqual(choices);
    // The state's choices stay shuffled, each knowing where it came from, with 5 and 7 marked.
    expect(result.choices.map((choice) => choice.value)).toEqual(shown);
    expect(result.choices.map((choice) => choices[choice.originalPosition])).toEqual(shown);
    expect(result.choices.filter((choice) => choice.correct).map((choice) => choice.value).sort()).toEqual(['5', '7']);
    // History reads as if the original order had been shown: 5 and 7 are B and C.
    expect(result.messages[0]?.content).toMatch(/A\) 4\nB\) 5\nC\) 7\nD\) 9$/);
    expect(result.output.completion).toBe('ANSWER: B, C');
    expect(result.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'ANSWER: B, C' });
  });

  it('leaves choices a dataset shuffled as they are: the sample order is the one the target names', async () => {
    const { state, model } = await ask({}, 'ANSWER: B', sampleState(question, { choices: ['9', '5', '4', '7'] }));
    expect(promptOf(model)).toMatch(/A\) 9\nB\) 5\nC\) 4\nD\) 7$/);
    expect(state.output.completion).toBe('ANSWER: B');
    expect(correct(state)).toEqual([false, true, false, false]);
  });

  it('passes maxTokens to the model and validates custom templates', async () => {
    const { model } = await ask({ maxTokens: 5, template: 'Q: {question}\n{choices}\nOne of {letters}.' }, 'ANSWER: C');
    expect(model.calls[0]?.config).toEqual({ maxTokens: 5 });
    expect(promptOf(model)).toBe('Q: Which are prime?\nA) 4\nB) 5\nC) 7\nD) 9\nOne of A,B,C,D.');
    expect(() => multipleChoice({ template: 'No fields' })).toThrow(/template: The template must contain '\{question\}'/);
  });

  it('requires choices', async () => {
    await expect(multipleChoice().solve(sampleState(question), createGenerate({ model: scriptedModel([]) }))).rejects.toThrow(
      /requires samples with choices/,
    );
  });
});

describe('parseAnswers', () => {
  const parse = (completion: string, multipleCorrect = false): string[] => [
    ...parseAnswers({ completion, choiceCount: 4, multipleCorrect }),
  ];

  it('reads a single letter, preferring an ANSWER line', () => {
    expect(parse('ANSWER: C')).toEqual(['C']);
    expect(parse('Thinking about ANSWER: A...\nANSWER: D')).toEqual(['D']);
    expect(parse('So the ANSWER: b.')).toEqual(['B']);
    expect(parse('ANSWER: E')).toEqual([]);
    expect(parse('ANSWER: A, B')).toEqual([]);
    // Inspect 0.3.260 (solver/_multiple_choice.py parse_answers): the last ANSWER line counts, a stray comma is tolerated.
    expect(parse('ANSWER: A\nOn reflection:\nANSWER: C')).toEqual(['C']);
    expect(parse('The ANSWER: A.\nNo wait. The ANSWER: B.')).toEqual(['B']);
    expect(parse('ANSWER: C,')).toEqual(['C']);
  });

  it('reads several letters in any separator style', () => {
    expect(parse('ANSWER: A,C', true).sort()).toEqual(['A', 'C']);
    expect(parse('ANSWER: AC', true).sort()).toEqual(['A', 'C']);
    expect(parse('ANSWER: A and D', true).sort()).toEqual(['A', 'D']);
    expect(parse('ANSWER: A, F', true)).toEqual([]);
    expect(parse('ANSWER: A, C,', true).sort()).toEqual(['A', 'C']);
  });
});
