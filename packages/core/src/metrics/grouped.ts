import { z } from 'zod';
import type { Metric, MetricValue, SampleScore } from './metric.js';
import { MetricError } from './metric-error.js';
import { meanOf } from './statistics.js';

const groupedOptions = z.object({
  /** Sample metadata key whose value names each sample's group. */
  groupKey: z.string(),
  /** How to compute the `all` entry: the metric over all samples, the mean of the group values, or none. @default "samples" */
  all: z.union([z.literal('samples'), z.literal('groups'), z.literal(false)]).default('samples'),
  /** Key of the `all` entry. @default "all" */
  allLabel: z.string().default('all'),
});

/** Options for {@link grouped}. */
export type GroupedOptions = z.input<typeof groupedOptions>;

function asNumber(value: MetricValue, metric: Metric): number {
  if (typeof value === 'number') return value;
  throw new MetricError({
    code: 'invalid_metric_value',
    message: `grouped() needs a metric with a single number value, but "${metric.name}" returned several; group a scalar metric instead.`,
  });
}

/**
 * Applies `metric` to each group of samples (by the sample metadata value at `groupKey`) and returns
 * `{ [group]: value, [allLabel]: value }`.
 * @example grouped(accuracy(), { groupKey: 'subject', all: 'groups' })
 */
export function grouped(metric: Metric, options: GroupedOptions): Metric {
  const parsed = groupedOptions.safeParse(options);
  if (!parsed.success) {
    throw new MetricError({
      code: 'invalid_options',
      message: `Invalid options for metric "grouped": ${z.prettifyError(parsed.error)}`,
      cause: parsed.error,
    });
  }
  const { groupKey, all, allLabel } = parsed.data;
  const compute = (scores: readonly SampleScore[]): Record<string, number> => {
    const groups = new Map<string, SampleScore[]>();
    for (const sampleScore of scores) {
      const metadata = sampleScore.sampleMetadata;
      if (!metadata || !(groupKey in metadata)) {
        throw new MetricError({
          code: 'missing_metadata',
          message: `Sample ${sampleScore.sampleId} has no "${groupKey}" metadata: to compute a grouped metric every sample's metadata needs a value for "${groupKey}".`,
        });
      }
      const groupName = String(metadata[groupKey]);
      if (all !== false && groupName === allLabel) {
        throw new MetricError({
          code: 'group_label_collision',
          message: `Group "${groupName}" collides with the all-groups label; pass a different \`allLabel\` to grouped().`,
        });
      }
      const members = groups.get(groupName) ?? [];
      members.push(sampleScore);
      groups.set(groupName, members);
    }
    const result: Record<string, number> = {};
    for (const [groupName, members] of groups) result[groupName] = asNumber(metric.compute(members), metric);
    if (all === 'samples') result[allLabel] = asNumber(metric.compute(scores), metric);
    else if (all === 'groups') result[allLabel] = meanOf(Object.values(result));
    return result;
  };
  return {
    name: 'grouped',
    args: { metric: { name: metric.name, args: metric.args }, groupKey, all, allLabel },
    // Each sample's group comes from its metadata.
    compute,
  };
}
