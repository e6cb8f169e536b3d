import { z } from 'zod';
import { describeOptionIssues, schemaKeys } from '../util/describe-option-issues.js';
import { strictOptions } from '../util/strict-options.js';
import type { Score } from '../log/schema/score.js';
import type { Target } from '../solver/target.js';
import type { TaskState } from '../solver/task-state.js';
import type { Scorer, ScorerMetrics } from './scorer.js';
import { ScorerError } from './scorer-error.js';

/** Scores one sample. */
export type ScoreFunction = (state: TaskState, target: Target) => Promise<Score>;

/** A factory of a scorer: call it with the scorer's options (the recorded `args`). */
export type ScorerFactory<TInput> = Record<never, never> extends TInput
  ? (options?: TInput) => Scorer
  : (options: TInput) => Scorer;

/** What {@link defineScorer} needs: a registry name, an options schema, default metrics and a function building the score function. */
export interface DefineScorerOptions<TSchema extends z.ZodType<Record<string, unknown>>> {
  /** Registry name, the key of the scorer's score on each sample (`match`). */
  name: string;
  /** Schema of the options; the parsed options are the scorer's recorded `args`. @default z.object({}) */
  options?: TSchema;
  /** Metrics computed over the scorer's scores unless the task overrides them. */
  metrics: ScorerMetrics;
  /** Builds the score function from the parsed options. */
  create: (options: z.output<TSchema>) => ScoreFunction;
}

/** Parses scorer options, turning validation failures into a {@link ScorerError}. */
export function parseScorerOptions<TSchema extends z.ZodType>(options: {
  name: string;
  schema: TSchema;
  value: unknown;
}): z.output<TSchema> {
  const parsed = options.schema.safeParse(options.value ?? {});
  if (!parsed.success) {
    const unknownKeys = parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys');
    // Unknown keys get one line naming them with the right spelling; other problems keep zod's own wording.
    const details = unknownKeys
      ? describeOptionIssues({ issues: parsed.error.issues, known: schemaKeys(options.schema) }).join('; ')
      : z.prettifyError(parsed.error);
    throw new ScorerError({
      code: 'invalid_options',
      message: `Invalid options for scorer "${options.name}": ${details}`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Defines a scorer: returns a factory whose options are validated by `options` and recorded as `args`.
 * @example
 * const nonEmpty = defineScorer({
 *   name: 'non_empty',
 *   metrics: [accuracy()],
 *   create: () => async (state) => ({ value: state.output.completion.trim() ? 'C' : 'I' }),
 * });
 */
export function defineScorer<TSchema extends z.ZodType<Record<string, unknown>> = z.ZodObject<Record<never, never>>>(
  definition: DefineScorerOptions<TSchema>,
): ScorerFactory<z.input<TSchema>> {
  const schema = strictOptions((definition.options ?? z.object({})) as TSchema);
  const factory = (options?: z.input<TSchema>): Scorer => {
    const parsed = parseScorerOptions({ name: definition.name, schema, value: options });
    const score = definition.create(parsed);
    return { name: definition.name, args: parsed, metrics: definition.metrics, score };
  };
  return factory as ScorerFactory<z.input<TSchema>>;
}
