import { CORRECT, INCORRECT } from '../log/schema/score.js';
import { accuracy } from '../metrics/accuracy.js';
import { stderr } from '../metrics/stderr.js';
import type { Choice } from '../solver/task-state.js';
import { answerLetter } from '../solver/multiple-choice.js';
import { defineScorer } from './define-scorer.js';

function shuffledExplanation(choices: readonly Choice[]): string {
  const options = choices.map((choice, index) => `${answerLetter(index)}) ${choice.value}`).join('\n');
  const selected = choices.flatMap((choice, index) => (choice.correct === true ? [answerLetter(index)] : []));
  return `Choices were shuffled before generating a response, the following was sent to the model:\n\n${options}\nShuffled answer:\nANSWER: ${selected.join(', ')}`;
}

function answerIndex(character: string): number {
  return /\p{L}/u.test(character) ? character.toUpperCase().charCodeAt(0) - 65 : 25 + Number(character);
}

/**
 * Scores multiple-choice answers: correct when the choices the model selected (marked `correct` by the
 * multiple-choice solver) are exactly the target letters (`"A"`, or `["A", "C"]`). Choices the solver shuffled
 * (`multipleChoice({ shuffle })`) are put back in the sample's order first; after a dataset-level `shuffleChoices`
 * the target letters already name the shuffled order, so nothing is put back.
 * @example choice()
 */
export const choice = defineScorer({
  name: 'choice',
  metrics: [accuracy(), stderr()],
  create: () => async (state, target) => {
    let choices = state.choices;
    let explanation = state.output.completion;
    if (choices.some((item, index) => item.originalPosition !== index)) {
      explanation = shuffledExplanation(choices);
      choices = [...choices].sort((a, b) => a.originalPosition - b.originalPosition);
    }
    // As Inspect's _score_target: separators dropped ("A, C" is A and C), letters A… and digits 1… (past Z) mapped.
    const targetPositions = [...target.text]
      .filter((character) => /[\p{L}\p{N}]/u.test(character))
      .map(answerIndex)
      .sort((a, b) => a - b);
    const selected = choices.flatMap((item, index) => (item.correct === true ? [index] : []));
    const matched = selected.length === targetPositions.length && selected.every((position, index) => position === targetPositions[index]);
    return {
      value: matched ? CORRECT : INCORRECT,
      answer: selected.map(answerLetter).join(', '),
      explanation,
    };
  },
});
