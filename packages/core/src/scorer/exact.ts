import { CORRECT, INCORRECT } from '../log/schema/score.js';
import { mean } from '../metrics/mean.js';
import { stderr } from '../metrics/stderr.js';
import { defineScorer } from './define-scorer.js';
import { isScoredTarget, normalizeAnswer } from './normalize-words.js';

/**
 * Scores correct when the normalised output equals a normalised target, as Inspect's `exact()` does: case,
 * punctuation, articles and spacing are ignored, word order and repeated words are not.
 * @example exact()
 */
export const exact = defineScorer({
  name: 'exact',
  metrics: [mean(), stderr()],
  create: () => async (state, target) => {
    const answer = state.output.completion;
    // scorer/_classification.py max_exact_score: the normalised strings are compared, not their word sets.
    const normalized = normalizeAnswer(answer);
    const matched = target.values.some((value) => isScoredTarget(value) && normalizeAnswer(value) === normalized);
    return { value: matched ? CORRECT : INCORRECT, answer };
  },
});
