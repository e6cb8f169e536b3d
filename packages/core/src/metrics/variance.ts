import { defineMetric } from './define-metric.js';
import { scoreFloats, varianceOf } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

/**
 * Sample variance (ddof = 1) of the scores; 0 for fewer than two scores. Its registry name is `var`, as in Inspect.
 * @example variance()
 */
export const variance = defineMetric({
  name: 'var',
  create: () => (scores) => {
    const values = scoreFloats(scores, valueToFloat);
    return values.length < 2 ? 0 : varianceOf(values, 1);
  },
});
