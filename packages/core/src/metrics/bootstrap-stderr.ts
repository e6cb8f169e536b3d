import { z } from 'zod';
import { createRandom } from '../util/random.js';
import { defineMetric } from './define-metric.js';
import { meanOf, scoreFloats, varianceOf } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

const bootstrapStderrOptions = z.object({
  /** Number of resamples. @default 1000 */
  numSamples: z.number().int().positive().default(1000),
  /** Seed of the resampling generator; without one each computation draws a fresh seed. */
  seed: z.number().int().optional(),
});

/**
 * Standard error of the mean by bootstrap: the standard deviation (ddof = 0) of the means of `numSamples`
 * resamples with replacement.
 * @default numSamples 1000
 * @example bootstrapStderr({ numSamples: 2000, seed: 42 })
 */
export const bootstrapStderr = defineMetric({
  name: 'bootstrap_stderr',
  options: bootstrapStderrOptions,
  create:
    ({ numSamples, seed }) =>
    (scores) => {
      const values = scoreFloats(scores, valueToFloat);
      if (values.length === 0) return Number.NaN;
      const random = createRandom(seed ?? Math.floor(Math.random() * 2 ** 32));
      const means: number[] = [];
      const resample = new Array<number>(values.length);
      for (let round = 0; round < numSamples; round++) {
        for (let index = 0; index < values.length; index++) {
          resample[index] = values[Math.floor(random() * values.length)] as number;
        }
        means.push(meanOf(resample));
      }
      return Math.sqrt(varianceOf(means, 0));
    },
});
