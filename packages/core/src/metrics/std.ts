import { defineMetric } from './define-metric.js';
import { scoreFloats, varianceOf } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

/**
 * Sample standard deviation (ddof = 1) of the scores; 0 for fewer than two scores.
 * @example std()
 */
export const std = defineMetric({
  name: 'std',
  create: () => (scores) => {
    const values = scoreFloats(scores, valueToFloat);
    return values.length < 2 ? 0 : Math.sqrt(varianceOf(values, 1));
  },
});
