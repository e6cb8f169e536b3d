import { defineMetric } from './define-metric.js';
import { meanOf, scoreFloats } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

/**
 * Proportion of correct answers: the mean of the scores as floats (`C` = 1, `P` = 0.5, `I`/`N` = 0).
 * @example accuracy()
 */
export const accuracy = defineMetric({
  name: 'accuracy',
  create: () => (scores) => meanOf(scoreFloats(scores, valueToFloat)),
});
