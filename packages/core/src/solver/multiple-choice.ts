import { messageText } from '@assay/model/spec';
import { z } from 'zod';
import { randomSeed } from '../dataset/random-seed.js';
import { createRandom, shuffled, type Random } from '../util/random.js';
import { defineSolver } from './define-solver.js';
import { formatTemplate } from './format-template.js';
import type { Choice, TaskState } from './task-state.js';
import { setText, userPrompt } from './user-prompt.js';

/** Inspect's multiple-choice templates (from OpenAI simple-evals); fields `{letters}`, `{question}`, `{choices}`. */
export const multipleChoiceTemplates = {
  singleAnswer: `Answer the following multiple choice question. The entire content of your response should be of the following format: 'ANSWER: $LETTER' (without quotes) where LETTER is one of {letters}.

{question}

{choices}`,
  singleAnswerCot: `Answer the following multiple choice question. The last line of your response should be of the following format: 'ANSWER: $LETTER' (without quotes) where LETTER is one of {letters}. Think step by step before answering.

{question}

{choices}`,
  multipleAnswer: `Answer the following multiple choice question where multiple answers may be correct. The entire content of your response should be of the following format: 'ANSWER: $LETTERS' (without quotes) where LETTERS is one or more of {letters}.

{question}

{choices}`,
  multipleAnswerCot: `Answer the following multiple choice question where multiple answers may be correct. The last line of your response should be of the following format: 'ANSWER: $LETTERS' (without quotes) where LETTERS is one or more of {letters}. Think step by step before answering.

{question}

{choices}`,
} as const;

/**
 * Asks a multiple-choice question (choices lettered A, B, …), generates, and marks `state.choices[i].correct` from the
 * model's last `ANSWER: X` line. With `shuffle`, the choices are shuffled for the model and, once it has answered, the
 * prompt and answer in the message history are rewritten in the sample's order (as Inspect does); `state.choices`
 * stay shuffled and the `choice` scorer maps them back.
 * @default { cot: false, multipleCorrect: false, shuffle: false }
 * @example multipleChoice({ cot: true })
 */
export const multipleChoice = defineSolver({
  name: 'multiple_choice',
  options: z.strictObject({
    /** Custom template with `{question}` and `{choices}` (and optionally `{letters}`) fields; `cot` and `multipleCorrect` then only affect parsing. */
    template: z
      .string()
      .refine((template) => template.includes('{question}') && template.includes('{choices}'), {
        message: "The template must contain '{question}' and '{choices}' fields.",
      })
      .optional(),
    /** Ask the model to think step by step before its answer line. */
    cot: z.boolean().default(false),
    /** Allow more than one correct answer. */
    multipleCorrect: z.boolean().default(false),
    /** Token limit for the model's answer. */
    maxTokens: z.number().int().positive().optional(),
    /**
     * Shuffle the choices of each sample before asking (a number is the seed); targets stay in the sample's order.
     * Inspect's deprecated solver-level shuffle: prefer `shuffleChoices` on the dataset. @default false
     */
    shuffle: z.union([z.boolean(), z.number().int()]).default(false),
  }),
  create: ({ template, cot, multipleCorrect, maxTokens, shuffle }) => {
    const resolved =
      template ??
      (multipleCorrect
        ? cot
          ? multipleChoiceTemplates.multipleAnswerCot
          : multipleChoiceTemplates.multipleAnswer
        : cot
          ? multipleChoiceTemplates.singleAnswerCot
          : multipleChoiceTemplates.singleAnswer);
    // One generator for the solver, drawn from sample after sample, as Inspect's `Random` is.
    const random: Random | undefined =
      shuffle === false ? undefined : createRandom(shuffle === true ? randomSeed() : shuffle);
    return async (initial, generate) => {
      if (initial.choices.length === 0) {
        throw new Error('The multiple_choice solver requires samples with choices.');
      }
      if (random) shuffleStateChoices(initial, random);
      const question = messageText(userPrompt(initial, 'multiple_choice'));
      setText(
        userPrompt(initial, 'multiple_choice'),
        choicesPrompt({ question, choices: initial.choices, template: resolved }),
      );

      const state = await generate(initial, maxTokens === undefined ? undefined : { config: { maxTokens } });

      const answers = parseAnswers({ completion: state.output.completion, choiceCount: state.choices.length, multipleCorrect });
      if (answers.size === 0) return state;
      state.choices.forEach((choice, index) => {
        choice.correct = answers.has(answerLetter(index));
      });
      if (random) unshuffleHistory({ state, question, template: resolved });
      return state;
    };
  },
});

// Inspect's Choices.shuffle (solver/_task_state.py): each choice records the position it had before.
function shuffleStateChoices(state: TaskState, random: Random): void {
  const order = shuffled(
    state.choices.map((_choice, index) => index),
    random,
  );
  const before = state.choices;
  state.choices = order.map((position) => ({ ...(before[position] as Choice), originalPosition: position }));
}

/** The letter of a choice position: 0 → `A`, …, 25 → `Z`, then `1`, `2`, … (Inspect's `answer_character`). */
export function answerLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index - 25);
}

function choicesPrompt(options: { question: string; choices: readonly Choice[]; template: string }): string {
  const letters = options.choices.map((_choice, index) => answerLetter(index));
  return formatTemplate({
    template: options.template,
    params: {
      question: options.question,
      choices: options.choices.map((choice, index) => `${answerLetter(index)}) ${choice.value}`).join('\n'),
      letters: letters.join(','),
    },
  });
}

/**
 * The answer letters of a completion, read as Inspect's `parse_answers` (solver/_multiple_choice.py) does: the last
 * `ANSWER: X` line (or, failing that, the last `ANSWER: X` anywhere). Multiple answers may be written `AB`, `A,B`,
 * `A, B` or `A and B`; anything naming a letter outside the choices is no answer.
 */
export function parseAnswers(options: { completion: string; choiceCount: number; multipleCorrect: boolean }): Set<string> {
  let matches = [...options.completion.matchAll(/^ANSWER\s*:\s*([A-Za-z\d ,]+)\s*(?:$|\n|\.)/gim)];
  if (matches.length === 0) matches = [...options.completion.matchAll(/ANSWER\s*:\s*([A-Za-z\d ,]+)(?:[^\w]|\n|$|\.)/gi)];
  const last = matches.at(-1)?.[1];
  if (last === undefined) return new Set();
  const matched = last.trim().replace(/\.+$/, '').toUpperCase();
  const allowed = new Set(Array.from({ length: options.choiceCount }, (_value, index) => answerLetter(index)));
  const isAllowed = (letters: ReadonlySet<string>): boolean => [...letters].every((letter) => allowed.has(letter));
  if (options.multipleCorrect) {
    const compact = matched.replaceAll(' AND ', ',').replaceAll(' ', '');
    // Empty pieces (a trailing or Oxford comma) are ignored.
    const byComma = new Set(compact.split(',').filter(Boolean));
    if (isAllowed(byComma)) return byComma;
    const byCharacter = new Set(compact);
    if (isAllowed(byCharacter)) return byCharacter;
    return new Set();
  }
  // One letter, tolerating a stray comma (`ANSWER: A,`).
  const tokens = matched.split(',').filter(Boolean);
  return tokens.length === 1 && allowed.has(tokens[0] as string) ? new Set(tokens) : new Set();
}

/** Rewrites the prompt and the answer in the message history as if the choices had not been shuffled. */
function unshuffleHistory(options: { state: TaskState; question: string; template: string }): void {
  const { state } = options;
  const original = [...state.choices].sort((a, b) => a.originalPosition - b.originalPosition);
  setText(userPrompt(state, 'multiple_choice'), choicesPrompt({ question: options.question, choices: original, template: options.template }));
  const answer = `ANSWER: ${state.choices
    .filter((choice) => choice.correct === true)
    .map((choice) => answerLetter(choice.originalPosition))
    .sort()
    .join(', ')}`;
  state.output = { ...state.output, completion: answer };
  const last = state.messages.at(-1);
  if (last) state.messages[state.messages.length - 1] = { ...last, content: answer } as typeof last;
}
