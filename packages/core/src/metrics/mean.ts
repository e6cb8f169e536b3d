import { defineMetric } from './define-metric.js';
import { meanOf, scoreFloats } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

/**
 * Mean of the scores as floats.
 * @example mean()
 */
export const mean = defineMetric({
  name: 'mean',
  create: () => (scores) => meanOf(scoreFloats(scores, valueToFloat)),
});
