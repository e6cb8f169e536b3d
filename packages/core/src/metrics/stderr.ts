import { z } from 'zod';
import { defineMetric } from './define-metric.js';
import type { SampleScore } from './metric.js';
import { MetricError } from './metric-error.js';
import { meanOf, scoreFloats, varianceOf } from './statistics.js';
import { valueToFloat } from './value-to-float.js';

const stderrOptions = z.object({
  /** Sample metadata key holding a cluster id; when set, the clustered standard error is computed. */
  cluster: z.string().optional(),
});

function clusteredStderr(scores: readonly SampleScore[], cluster: string): number {
  const clusters = new Map<unknown, number[]>();
  const values: number[] = [];
  for (const sampleScore of scores) {
    const metadata = sampleScore.sampleMetadata;
    if (!metadata || !(cluster in metadata)) {
      throw new MetricError({
        code: 'missing_metadata',
        message: `Sample ${sampleScore.sampleId} has no "${cluster}" metadata: to compute a clustered stderr every sample's metadata needs a value for "${cluster}".`,
      });
    }
    const value = valueToFloat(sampleScore.score.value);
    values.push(value);
    const members = clusters.get(metadata[cluster]) ?? [];
    members.push(value);
    clusters.set(metadata[cluster], members);
  }
  const average = meanOf(values);
  // Sum over clusters of (Σ_i (x_i − mean))², i.e. the sum of the outer product of each cluster's residuals.
  let clusteredVariance = 0;
  for (const members of clusters.values()) {
    let residuals = 0;
    for (const value of members) residuals += value - average;
    clusteredVariance += residuals * residuals;
  }
  const clusterCount = clusters.size;
  // C / (C − 1) is the finite-cluster correction Inspect applies.
  return Math.sqrt((clusteredVariance * clusterCount) / (clusterCount - 1)) / scores.length;
}

/**
 * Standard error of the mean: sample standard deviation (ddof = 1) over √n, or the clustered standard error
 * when `cluster` names a sample metadata key; 0 for fewer than two scores.
 * @example stderr({ cluster: 'topic' })
 */
export const stderr = defineMetric({
  name: 'stderr',
  options: stderrOptions,
  create:
    ({ cluster }) =>
    (scores) => {
      if (cluster !== undefined) return clusteredStderr(scores, cluster);
      const values = scoreFloats(scores, valueToFloat);
      if (values.length < 2) return 0;
      return Math.sqrt(varianceOf(values, 1)) / Math.sqrt(values.length);
    },
});
